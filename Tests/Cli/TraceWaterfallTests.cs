using TraceApp.Cli.Dashboard;
using TraceApp.Cli.Output;

namespace TraceApp.Tests.Cli;

public sealed class TraceWaterfallTests
{
    private const ulong Ms = 1_000_000;
    private const ulong T0 = 1_700_000_000_000_000_000;

    private static DashboardSpan Span(string service, string id, string? parent, string name, ulong startMs, ulong endMs, bool error = false, string? message = null) =>
        new(service, "4bf92f3577b34da6a3ce929d0e0e4736", id, parent, name, 1, new Dictionary<string, string>(),
            T0 + startMs * Ms, T0 + endMs * Ms, error ? DashboardSpan.StatusError : 0, message);

    [Fact]
    public void Spans_are_indented_under_their_parents_in_start_order_with_service_duration_and_bar()
    {
        IReadOnlyList<DashboardSpan> spans =
        [
            // Out of order on purpose: the rendering sorts by parent, then start time.
            Span("worker", "0000000000000004", "0000000000000003", "job.process", 60, 90),
            Span("api", "0000000000000002", "0000000000000001", "GET /node/hostname", 10, 95),
            Span("traceapp-cli", "0000000000000001", null, "traceapp client node hostname", 0, 100),
            Span("api", "0000000000000003", "0000000000000002", "jobs.query publish", 20, 25),
            Span("api", "0000000000000005", "0000000000000002", "postgresql", 12, 18),
        ];

        var lines = TraceWaterfall.Render(spans);

        Assert.Equal(
        [
            "|████████████████████████|   100.0ms  traceapp-cli  traceapp client node hostname",
            "|  █████████████████████ |    85.0ms  api             GET /node/hostname",
            "|  ███                   |     6.0ms  api               postgresql",
            "|    ██                  |     5.0ms  api               jobs.query publish",
            "|              ████████  |    30.0ms  worker              job.process",
        ], lines);
    }

    [Fact]
    public void Failed_spans_are_marked_with_their_message_and_orphans_become_roots()
    {
        IReadOnlyList<DashboardSpan> spans =
        [
            Span("traceapp-cli", "0000000000000001", null, "traceapp client job run", 0, 2000, error: true, message: "exit code 1"),
            Span("worker", "0000000000000009", "00000000000000ff", "job.process", 500, 500, error: true, message: "ping failed\nhost unreachable"),
        ];

        var lines = TraceWaterfall.Render(spans);

        Assert.Equal(2, lines.Count);
        Assert.EndsWith("traceapp client job run  ERROR: exit code 1", lines[0], StringComparison.Ordinal);
        Assert.Contains("     2.00s  traceapp-cli", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("worker        job.process  ERROR: ping failed host unreachable", lines[1], StringComparison.Ordinal);
        Assert.Contains("0µs", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_trace_renders_nothing() => Assert.Empty(TraceWaterfall.Render([]));

    [Fact]
    public void Completeness_needs_every_parent()
    {
        Assert.True(TraceCollector.HasAllParents([Span("a", "0000000000000001", null, "root", 0, 1), Span("b", "0000000000000002", "0000000000000001", "child", 0, 1)]));
        Assert.False(TraceCollector.HasAllParents([Span("b", "0000000000000002", "0000000000000001", "child", 0, 1)]));
    }

    [Fact]
    public void Completeness_needs_the_server_side_of_every_answered_call_and_the_consumer_of_every_message()
    {
        var http = new Dictionary<string, string> { ["http.request.method"] = "GET" };
        var root = Span("cli", "0000000000000001", null, "root", 0, 3);
        var call = Span("cli", "0000000000000002", "0000000000000001", "GET", 0, 2) with { Kind = DashboardSpan.KindClient, Attributes = http };
        var server = Span("api", "0000000000000003", "0000000000000002", "GET /x", 0, 1) with { Kind = DashboardSpan.KindServer };
        var publish = Span("api", "0000000000000004", "0000000000000003", "publish", 0, 1) with { Kind = DashboardSpan.KindProducer };
        var receive = Span("worker", "0000000000000005", "0000000000000004", "receive", 1, 2);
        var database = Span("worker", "0000000000000006", "0000000000000005", "SELECT", 1, 2) with { Kind = DashboardSpan.KindClient };

        Assert.False(TraceCollector.HasAllCallees([root, call]));
        Assert.False(TraceCollector.HasAllCallees([root, call, server, publish]));
        Assert.True(TraceCollector.HasAllCallees([root, call, server, publish, receive, database]));
        Assert.True(TraceCollector.HasAllCallees([root, call with { StatusCode = DashboardSpan.StatusError }]));
    }
}
