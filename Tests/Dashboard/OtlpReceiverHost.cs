using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TraceApp.Dashboard.Otlp;

namespace TraceApp.Tests.Dashboard;

/// <summary>
/// The dashboard's OTLP receivers (<c>AddDashboardOtlp</c> + <c>MapDashboardOtlp</c>) on free loopback ports in the
/// test process, in front of the sink a test gives them.
/// </summary>
public sealed class OtlpReceiverHost : IAsyncDisposable
{
    public const string PrimaryKey = "primary-key-5f1c";
    public const string SecondaryKey = "secondary-key-9a7e";

    private readonly WebApplication _app;

    private OtlpReceiverHost(WebApplication app)
    {
        _app = app;
        var endpoints = app.Services.GetRequiredService<DashboardOtlpEndpoints>();
        GrpcEndpoint = endpoints.Grpc;
        HttpEndpoint = endpoints.Http;
    }

    public Uri GrpcEndpoint { get; }

    public Uri HttpEndpoint { get; }

    /// <summary>Settings for ApiKey mode with both keys.</summary>
    public static Dictionary<string, string?> ApiKeyMode() => new()
    {
        ["Dashboard:Otlp:AuthMode"] = "ApiKey",
        ["Dashboard:Otlp:PrimaryApiKey"] = PrimaryKey,
        ["Dashboard:Otlp:SecondaryApiKey"] = SecondaryKey,
    };

    public static async Task<OtlpReceiverHost> StartAsync(IOtlpSink sink, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dashboard:Otlp:GrpcEndpointUrl"] = "http://127.0.0.1:0",
            ["Dashboard:Otlp:HttpEndpointUrl"] = "http://127.0.0.1:0",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddDashboardOtlp();
        builder.Services.AddSingleton(sink);
        var app = builder.Build();
        app.MapDashboardOtlp();
        await app.StartAsync();
        return new OtlpReceiverHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
