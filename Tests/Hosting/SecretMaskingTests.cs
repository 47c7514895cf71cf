using TraceApp.Hosting.Dashboard;

namespace TraceApp.Tests.Hosting;

public sealed class SecretMaskingTests
{
    [Theory]
    [InlineData("ConnectionStrings__nats", "nats://app:s3cr3t@127.0.0.1:4222", "nats://app:••••••@127.0.0.1:4222")]
    [InlineData("ConnectionStrings__traceapp", "Host=127.0.0.1;Port=5432;Username=u;Password=s3cr3t;Database=traceapp",
        "Host=127.0.0.1;Port=5432;Username=u;Password=••••••;Database=traceapp")]
    [InlineData("OTEL_EXPORTER_OTLP_HEADERS", "x-otlp-api-key=abc", "••••••")]
    [InlineData("Dashboard__Otlp__PrimaryApiKey", "abc", "••••••")]
    [InlineData("NATS_PASSWORD", "abc", "••••••")]
    [InlineData("OTEL_SERVICE_NAME", "api", "api")]
    [InlineData("services__api__http__0", "http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    public void Secrets_are_hidden_and_everything_else_is_shown(string name, string value, string shown) =>
        Assert.Equal(shown, SecretMasking.Mask(name, value));
}
