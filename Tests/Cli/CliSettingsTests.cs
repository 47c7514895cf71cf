using System.Collections;
using System.Text.Json;
using TraceApp.Cli;
using TraceApp.Cli.Configuration;

namespace TraceApp.Tests.Cli;

/// <summary>Where the CLI's settings come from: flag &gt; environment &gt; the nearest <c>.traceapp/cli.json</c> &gt; default.</summary>
public sealed class CliSettingsTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("traceapp-cli-settings-");

    private static readonly CliConfigFile File = new(
        ApiUrl: "http://127.0.0.1:7001",
        Token: "file-token",
        SigningKey: "file-signing-key",
        DashboardUrl: "http://127.0.0.1:7002",
        DashboardApiKey: "file-dashboard-key",
        OtlpEndpoint: "http://127.0.0.1:7003",
        OtlpProtocol: "grpc",
        OtlpHeaders: "x-otlp-api-key=file");

    [Fact]
    public void The_nearest_ancestor_with_a_config_file_wins()
    {
        var outer = WriteConfig(_root.FullName, File);
        var middle = Directory.CreateDirectory(Path.Combine(_root.FullName, "repo"));
        var inner = WriteConfig(middle.FullName, File with { ApiUrl = "http://127.0.0.1:7100" });
        var deep = Directory.CreateDirectory(Path.Combine(middle.FullName, "src", "a", "b", "c"));

        Assert.Equal(inner, CliConfigFile.Find(deep.FullName));
        Assert.Equal(outer, CliConfigFile.Find(_root.FullName));
        Assert.Equal("http://127.0.0.1:7100", CliConfigFile.Read(inner).ApiUrl);
    }

    [Fact]
    public void A_folder_without_a_config_file_above_it_finds_none()
    {
        var deep = Directory.CreateDirectory(Path.Combine(_root.FullName, "x", "y"));
        Directory.CreateDirectory(Path.Combine(_root.FullName, "x", CliConfigFile.DirectoryName)); // the folder alone is not enough

        Assert.Null(FindBelow(deep.FullName));
    }

    [Fact]
    public void The_file_alone_supplies_every_setting()
    {
        var path = WriteConfig(_root.FullName, File);

        var settings = CliSettings.Resolve(new CliFlags(), new Hashtable(), CliConfigFile.Read(path), path);

        Assert.Equal(new Uri("http://127.0.0.1:7001"), settings.ApiUrl);
        Assert.Equal("file-token", settings.Token);
        Assert.Equal("file-signing-key", settings.SigningKey);
        Assert.Equal(new Uri("http://127.0.0.1:7002"), settings.DashboardUrl);
        Assert.Equal("file-dashboard-key", settings.DashboardApiKey);
        Assert.Equal(CliSettings.DefaultTarget, settings.Target);
        Assert.Equal(path, settings.ConfigFilePath);
    }

    [Fact]
    public void Environment_overrides_the_file_and_flags_override_the_environment()
    {
        var environment = new Hashtable
        {
            [CliSettings.ApiUrlVariable] = "http://127.0.0.1:8001",
            [CliSettings.TokenVariable] = "env-token",
            [CliSettings.TargetVariable] = "_all",
            [CliSettings.DashboardUrlVariable] = "http://127.0.0.1:8002",
            [CliSettings.DashboardApiKeyVariable] = "env-dashboard-key",
            [CliSettings.SigningKeyVariable] = "env-signing-key",
        };

        var fromEnvironment = CliSettings.Resolve(new CliFlags(), environment, File, "cli.json");
        var fromFlags = CliSettings.Resolve(new CliFlags("http://127.0.0.1:9001", "flag-token", "host:alpha"), environment, File, "cli.json");

        Assert.Equal(new Uri("http://127.0.0.1:8001"), fromEnvironment.ApiUrl);
        Assert.Equal("env-token", fromEnvironment.Token);
        Assert.Equal("_all", fromEnvironment.Target);
        Assert.Equal(new Uri("http://127.0.0.1:8002"), fromEnvironment.DashboardUrl);
        Assert.Equal("env-dashboard-key", fromEnvironment.DashboardApiKey);
        Assert.Equal("env-signing-key", fromEnvironment.SigningKey);
        Assert.Equal(new Uri("http://127.0.0.1:9001"), fromFlags.ApiUrl);
        Assert.Equal("flag-token", fromFlags.Token);
        Assert.Equal("host:alpha", fromFlags.Target);
    }

    [Fact]
    public void Empty_environment_variables_do_not_hide_the_file()
    {
        var environment = new Hashtable { [CliSettings.ApiUrlVariable] = "", [CliSettings.TokenVariable] = " " };

        var settings = CliSettings.Resolve(new CliFlags(), environment, File, "cli.json");

        Assert.Equal(new Uri("http://127.0.0.1:7001"), settings.ApiUrl);
        Assert.Equal("file-token", settings.Token);
    }

    [Fact]
    public void Without_any_source_the_defaults_apply()
    {
        var settings = CliSettings.Resolve(new CliFlags(), new Hashtable(), null, null);

        Assert.Equal(CliSettings.DefaultApiUrl, settings.ApiUrl);
        Assert.Null(settings.Token);
        Assert.Null(settings.DashboardUrl);
        Assert.Equal("_any", settings.Target);
    }

    [Fact]
    public void A_bad_url_is_a_usage_error_naming_its_source()
    {
        var error = Assert.Throws<CliException>(() =>
            CliSettings.Resolve(new CliFlags(), new Hashtable { [CliSettings.ApiUrlVariable] = "localhost:5080" }, null, null));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains(CliSettings.ApiUrlVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_files_otlp_settings_become_the_lowest_layer_of_otel_variables()
    {
        Assert.Equal("http://127.0.0.1:7003", File.OtelVariables()["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("x-otlp-api-key=file", File.OtelVariables()["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Empty((File with { OtlpEndpoint = null }).OtelVariables());
    }

    [Fact]
    public void A_malformed_file_is_one_error()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root.FullName, CliConfigFile.DirectoryName));
        var path = Path.Combine(directory.FullName, CliConfigFile.FileName);
        System.IO.File.WriteAllText(path, "{ not json");

        var error = Assert.Throws<CliException>(() => CliConfigFile.Read(path));

        Assert.Equal(ExitCodes.Error, error.ExitCode);
        Assert.StartsWith($"cannot read {path}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Like <see cref="CliConfigFile.Find"/>, ignoring files above the test's temporary root.</summary>
    private string? FindBelow(string directory) =>
        CliConfigFile.Find(directory) is { } found && found.StartsWith(_root.FullName, StringComparison.Ordinal) ? found : null;

    private static string WriteConfig(string directory, CliConfigFile contents)
    {
        var folder = Directory.CreateDirectory(Path.Combine(directory, CliConfigFile.DirectoryName));
        var path = Path.Combine(folder.FullName, CliConfigFile.FileName);
        System.IO.File.WriteAllText(path, JsonSerializer.Serialize(contents, CliConfigFile.Json));
        return path;
    }

    public void Dispose() => _root.Delete(recursive: true);
}
