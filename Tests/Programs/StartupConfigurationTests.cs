using TraceApp.Tests.Infrastructure.Processes;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Programs;

/// <summary>Bad telemetry settings stop a program at start with one clear line and a non-zero exit code.</summary>
public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("TRACEAPP_TELEMETRY_TRACING_EXPORTER", "jaeger", "Telemetry:Tracing:Exporter", "allowed values are none, stdout, otlp")]
    [InlineData("TRACEAPP_TELEMETRY_TRACING_OTLP_ENDPOINT", "localhost:4317", "Telemetry:Tracing:OtlpEndpoint", "http:// or https:// URL")]
    [InlineData("TRACEAPP_TELEMETRY_LOG_FORMAT", "xml", "Telemetry:Log:Format", "allowed values are text, json")]
    public async Task Invalid_setting_exits_non_zero_naming_the_setting(string variable, string value, string setting, string allowed)
    {
        await using var api = RunningProgram.Start("Api", new Dictionary<string, string?> { [variable] = value });

        var exitCode = await api.Process.Exited.WaitAsync(RunningProgram.StartTimeout);

        Assert.Equal(78, exitCode);
        var error = Assert.Single(api.Process.StandardError.Lines);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(setting, error, StringComparison.Ordinal);
        Assert.Contains(allowed, error, StringComparison.Ordinal);
        Assert.Contains(variable, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_without_connection_strings_exits_non_zero_naming_them()
    {
        await using var api = RunningProgram.Start("Api");

        Assert.Equal(78, await api.Process.Exited.WaitAsync(RunningProgram.StartTimeout));
        var error = Assert.Single(api.Process.StandardError.Lines);
        Assert.StartsWith("error: missing connection strings ", error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:traceapp", error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__nats", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Auth:SigningKey is not set")]
    [InlineData("short", "at least 32 bytes")]
    public async Task Api_without_a_usable_signing_key_exits_non_zero_naming_it(string? key, string message)
    {
        await using var api = RunningProgram.Start("Api", new Dictionary<string, string?>
        {
            ["ConnectionStrings__traceapp"] = "Host=127.0.0.1;Username=traceapp;Database=traceapp",
            ["ConnectionStrings__nats"] = "nats://127.0.0.1:4222",
            ["Auth__SigningKey"] = key,
        });

        Assert.Equal(78, await api.Process.Exited.WaitAsync(RunningProgram.StartTimeout));
        var error = Assert.Single(api.Process.StandardError.Lines);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_rejects_an_unknown_exporter_too()
    {
        await using var worker = RunningProgram.Start(
            "Worker", new Dictionary<string, string?> { ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = "zipkin" });

        Assert.Equal(78, await worker.Process.Exited.WaitAsync(RunningProgram.StartTimeout));
        Assert.Contains("allowed values are none, stdout, otlp", Assert.Single(worker.Process.StandardError.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_without_its_connection_strings_exits_with_one_error_line()
    {
        await using var worker = RunningProgram.Start("Worker", new Dictionary<string, string?> { ["ConnectionStrings__nats"] = "nats://127.0.0.1:1" });

        Assert.Equal(78, await worker.Process.Exited.WaitAsync(RunningProgram.StartTimeout));
        var error = Assert.Single(worker.Process.StandardError.Lines);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:traceapp", error, StringComparison.Ordinal);
    }
}
