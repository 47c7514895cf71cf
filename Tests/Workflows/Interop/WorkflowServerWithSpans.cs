using System.Text.Json;
using Grpc.Core;
using Grpc.Health.V1;
using TraceApp.Grpc.Client;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Servers;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Interop;

/// <summary>
/// A real PostgreSQL and a built WorkflowServer process on it, shared by a test class, with the server's spans
/// written to its stdout as JSON lines (the stdout exporter, as the Worker's span tests read them). Ready once the
/// server's gRPC health check answers SERVING (it has migrated its schema).
/// </summary>
public sealed class WorkflowServerWithSpans : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private PostgresServerProcess? _postgres;
    private RunningProgram? _server;

    public RunningProgram Server => _server ?? throw new InvalidOperationException("Not started.");

    public int GrpcPort { get; } = FreePort.Next();

    public Uri Address => new($"http://127.0.0.1:{GrpcPort}");

    public GrpcChannels Channels { get; } = new();

    public WorkflowService.WorkflowServiceClient Workflows => Channels.CreateClient(Address, i => new WorkflowService.WorkflowServiceClient(i));

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServerProcess.StartNewAsync();
        _server = RunningProgram.Start("WorkflowServer", new Dictionary<string, string?>
        {
            ["Kestrel__Endpoints__Grpc__Url"] = Address.ToString(),
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["ConnectionStrings__traceapp"] = _postgres.ConnectionString,
            ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = "stdout",
        });
        var health = Channels.CreateClient(Address, i => new Health.HealthClient(i));
        await Eventually.WaitUntilAsync(
            async () => (await health.CheckAsync(new HealthCheckRequest())).Status == HealthCheckResponse.Types.ServingStatus.Serving,
            Timeout, "WorkflowServer to serve", e => e is RpcException);
    }

    public async Task DisposeAsync()
    {
        Channels.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    /// <summary>Waits for the server's span named <paramref name="name"/> in <paramref name="traceId"/> and returns it.</summary>
    public async Task<JsonElement> SpanAsync(string traceId, string name)
    {
        var line = await Server.Output.WaitForLineAsync(
            l => l.StartsWith('{') && l.Contains(traceId, StringComparison.Ordinal) && l.Contains($"\"name\":\"{name}\"", StringComparison.Ordinal),
            Timeout);
        return JsonDocument.Parse(line).RootElement;
    }

    /// <summary>Every span of <paramref name="traceId"/> the server has written so far.</summary>
    public IReadOnlyList<JsonElement> Spans(string traceId) =>
        [.. Server.Output.Lines
            .Where(l => l.StartsWith('{') && l.Contains(traceId, StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(s => s.GetProperty("trace_id").GetString() == traceId)];

    /// <summary>
    /// The span outside the server that <paramref name="span"/> continues: its parents are followed through the
    /// server's own spans (the RPC's span may sit below ASP.NET Core's request span) to the first one the server did
    /// not write, the caller's. A parent that ends later may not have been written yet: wait with
    /// <see cref="WaitForCallerSpanAsync"/>.
    /// </summary>
    public string CallerSpanOf(JsonElement span)
    {
        var byId = Spans(span.GetProperty("trace_id").GetString()!).ToDictionary(s => s.GetProperty("span_id").GetString()!);
        var parent = span.GetProperty("parent_span_id").GetString()!;
        while (byId.TryGetValue(parent, out var serverSpan) && serverSpan.TryGetProperty("parent_span_id", out var next))
        {
            parent = next.GetString()!;
        }

        return parent;
    }

    /// <summary>Waits until the server's span named <paramref name="name"/> in the caller's trace continues <paramref name="callerSpanId"/>.</summary>
    public async Task WaitForCallerSpanAsync(string traceId, string name, string callerSpanId)
    {
        var span = await SpanAsync(traceId, name);
        try
        {
            await Eventually.WaitUntilAsync(() => CallerSpanOf(span) == callerSpanId, TimeSpan.FromSeconds(15), $"the server's {name} span to continue {callerSpanId}");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The server's {name} span {span.GetProperty("span_id").GetString()} continues {CallerSpanOf(span)}, not the caller's span {callerSpanId}.");
        }
    }
}
