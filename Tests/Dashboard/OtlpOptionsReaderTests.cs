using Microsoft.Extensions.Configuration;
using TraceApp.Dashboard.Configuration;

namespace TraceApp.Tests.Dashboard;

/// <summary>How Dashboard:Otlp:* settings become OtlpOptions, and the one-line errors for wrong ones.</summary>
public sealed class OtlpOptionsReaderTests
{
    private static OtlpOptions Read(params (string Key, string Value)[] settings) => OtlpOptionsReader.Read(
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    private static string Error(params (string Key, string Value)[] settings) =>
        Assert.Throws<DashboardConfigurationException>(() => Read(settings)).Message;

    [Fact]
    public void Defaults_are_unsecured_on_aspires_standalone_ports_with_a_4_MB_limit()
    {
        var options = Read();

        Assert.Equal(OtlpAuthMode.Unsecured, options.AuthMode);
        Assert.Equal(new Uri("http://127.0.0.1:18889"), options.GrpcEndpointUrl);
        Assert.Equal(new Uri("http://127.0.0.1:18890"), options.HttpEndpointUrl);
        Assert.Equal(4 * 1024 * 1024, options.MaxRequestSize);
    }

    [Fact]
    public void A_key_without_an_auth_mode_means_ApiKey()
    {
        Assert.Equal(OtlpAuthMode.ApiKey, Read(("Dashboard:Otlp:PrimaryApiKey", "k")).AuthMode);
        Assert.Equal(OtlpAuthMode.Unsecured, Read(("Dashboard:Otlp:AuthMode", "unsecured"), ("Dashboard:Otlp:PrimaryApiKey", "k")).AuthMode);
    }

    [Fact]
    public void ApiKey_mode_without_a_primary_key_is_an_error_that_names_the_setting_but_no_key()
    {
        var withoutAny = Error(("Dashboard:Otlp:AuthMode", "ApiKey"));
        var secondaryOnly = Error(("Dashboard:Otlp:SecondaryApiKey", "s3cret-value"));

        Assert.Equal(
            "Dashboard:Otlp:AuthMode is ApiKey but Dashboard:Otlp:PrimaryApiKey (env Dashboard__Otlp__PrimaryApiKey) is not set: " +
            "set a key, or set Dashboard:Otlp:AuthMode to Unsecured.", withoutAny);
        Assert.Equal(withoutAny, secondaryOnly);
        Assert.DoesNotContain('\n', withoutAny);
    }

    [Theory]
    [InlineData("Dashboard:Otlp:AuthMode", "Certificate", "allowed values are ApiKey, Unsecured")]
    [InlineData("Dashboard:Otlp:AuthMode", "1", "allowed values are ApiKey, Unsecured")]
    [InlineData("Dashboard:Otlp:GrpcEndpointUrl", "https://127.0.0.1:18889", "https is not supported yet")]
    [InlineData("Dashboard:Otlp:HttpEndpointUrl", "127.0.0.1:18890", "expected http://<IP address or localhost>:<port>")]
    [InlineData("Dashboard:Otlp:HttpEndpointUrl", "http://example.com:18890", "expected http://<IP address or localhost>:<port>")]
    [InlineData("Dashboard:Otlp:HttpEndpointUrl", "http://localhost:0", "port 0 takes a free port, with an IP address only")]
    [InlineData("Dashboard:Otlp:GrpcEndpointUrl", "http://127.0.0.1:4317/otlp", "expected http://<IP address or localhost>:<port>")]
    [InlineData("Dashboard:Otlp:MaxRequestSize", "4MB", "expected a number of bytes")]
    public void Invalid_values_are_one_line_errors_naming_the_setting(string key, string value, string expected)
    {
        var error = Error((key, value));

        Assert.StartsWith($"Invalid value '{value}' for {key}", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_endpoints_on_one_port_is_an_error()
    {
        var error = Error(("Dashboard:Otlp:GrpcEndpointUrl", "http://127.0.0.1:4317"), ("Dashboard:Otlp:HttpEndpointUrl", "http://127.0.0.1:4317"));

        Assert.Contains("use the same port 4317", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Aspires_endpoint_variables_are_understood_and_ours_win()
    {
        var aspire = Read(("DOTNET_DASHBOARD_OTLP_ENDPOINT_URL", "http://127.0.0.1:4317"), ("DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "http://localhost:4318"));
        var both = Read(("DOTNET_DASHBOARD_OTLP_ENDPOINT_URL", "http://127.0.0.1:4317"), ("Dashboard:Otlp:GrpcEndpointUrl", "http://127.0.0.1:5317"));

        Assert.Equal((4317, 4318), (aspire.GrpcEndpointUrl.Port, aspire.HttpEndpointUrl.Port));
        Assert.Equal("localhost", aspire.HttpEndpointUrl.Host);
        Assert.Equal(5317, both.GrpcEndpointUrl.Port);
    }

    [Fact]
    public void Printing_the_options_never_shows_a_key()
    {
        var text = Read(("Dashboard:Otlp:PrimaryApiKey", "primary-secret"), ("Dashboard:Otlp:SecondaryApiKey", "secondary-secret")).ToString();

        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.Contains("PrimaryApiKey = (set)", text, StringComparison.Ordinal);
    }
}
