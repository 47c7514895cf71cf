using System.ComponentModel;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using TraceApp.Auth;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Api.Apis;

/// <summary>The body of <c>POST /network/ping</c> (the parameters of <c>network.ping</c>).</summary>
public sealed record PingRequest(string Host, int Count);

/// <summary>
/// <c>POST /network/ping</c> (<c>{host, count}</c>) and <c>GET /network/dns</c>: synchronous jobs
/// (<see cref="SyncJobEndpoint"/>) run by the targeted worker(s).
/// </summary>
public static class NetworkApi
{
    public static IEndpointRouteBuilder MapNetworkApi(this IEndpointRouteBuilder app)
    {
        var network = app.MapGroup("/network").WithTags("Network").RequireAuthorization(Permissions.NetworkRead);
        network.MapPost("/ping", PingAsync).WithName("Ping")
            .WithSummary("Pings a host from the target and waits for the result.")
            .Accepts<PingRequest>("application/json")
            .WithSyncJobResponses();
        network.MapGet("/dns", (
                    [AsParameters] SyncJobServices services,
                    [Description(SyncJobEndpoint.TargetDescription)] string? target,
                    [Description(SyncJobEndpoint.TimeoutDescription)] string? timeout,
                    CancellationToken cancellationToken) =>
                SyncJobEndpoint.RunAsync(JobOperations.NetworkDns, null, target, timeout, services, cancellationToken))
            .WithName("GetDns")
            .WithSummary("Reads the target's DNS configuration and waits for it.")
            .WithSyncJobResponses();
        return app;
    }

    private static async Task<Results<Ok<JobDetailsResponse>, ValidationProblem, ProblemHttpResult>> PingAsync(
        HttpRequest request,
        [AsParameters] SyncJobServices services,
        IOptions<JsonOptions> json,
        [Description(SyncJobEndpoint.TargetDescription)] string? target,
        [Description(SyncJobEndpoint.TimeoutDescription)] string? timeout,
        CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync<JsonElement>(request, json.Value.SerializerOptions, """{"host", "count"}""", cancellationToken);
        if (body.Error is not null)
        {
            return JobsApi.BadRequest(body.Error);
        }

        return await SyncJobEndpoint.RunAsync(JobOperations.NetworkPing, body.Request, target, timeout, services, cancellationToken);
    }
}
