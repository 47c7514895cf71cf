using System.Text.Json;

namespace TraceApp.Cli.Dashboard;

/// <summary>
/// Reads a trace from the dashboard once every process's spans have arrived: each poll is compared with the one
/// before, and the trace counts as complete when no span's parent is missing, every call to another traced process
/// has its answering span (<see cref="HasAllCallees"/>), and the span set did not change over <see cref="StablePolls"/>
/// consecutive polls. Gives up (returning what it has) after the timeout.
/// </summary>
public sealed class TraceCollector(DashboardTelemetry dashboard)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);
    public const int StablePolls = 3;

    public async Task<(IReadOnlyList<DashboardSpan> Spans, bool Complete)> CollectAsync(string traceId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        IReadOnlyList<DashboardSpan> spans = [];
        var unchanged = 0;
        try
        {
            while (true)
            {
                var current = await ReadAsync(traceId, deadline.Token);
                unchanged = current.Count > 0 && SameSpans(spans, current) ? unchanged + 1 : 0;
                spans = current;
                if (unchanged >= StablePolls - 1 && HasAllParents(spans) && HasAllCallees(spans))
                {
                    return (spans, true);
                }

                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (spans, false);
        }
    }

    /// <summary>The spans the dashboard holds for <paramref name="traceId"/> now (none while it has not seen the trace).</summary>
    public async Task<IReadOnlyList<DashboardSpan>> ReadAsync(string traceId, CancellationToken cancellationToken)
    {
        var (status, body) = await dashboard.GetAsync($"/api/telemetry/traces/{Uri.EscapeDataString(traceId)}", cancellationToken);
        if (status == 404)
        {
            return [];
        }

        if (status is 401 or 403)
        {
            throw new CliException(ExitCodes.Auth, $"the dashboard refused the API key ({status}): set TRACEAPP_DASHBOARD_API_KEY or run the AppHost (it writes .traceapp/cli.json).");
        }

        if (status != 200)
        {
            throw new CliException(ExitCodes.Error, $"the dashboard answered {status} for trace {traceId}.");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("data", out var data) ? [.. DashboardTelemetry.Spans(data)] : [];
    }

    public static bool HasAllParents(IReadOnlyList<DashboardSpan> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        return spans.All(s => s.ParentSpanId is null || ids.Contains(s.ParentSpanId));
    }

    /// <summary>
    /// True when every outgoing HTTP or gRPC call that got an answer, and every message published, has a child span:
    /// the server or consumer side. Without this a trace whose other processes have not exported yet looks complete
    /// (no parent is missing while none of their spans has arrived). Database calls have no child by nature.
    /// </summary>
    public static bool HasAllCallees(IReadOnlyList<DashboardSpan> spans)
    {
        var parents = spans.Where(s => s.ParentSpanId is not null).Select(s => s.ParentSpanId!).ToHashSet(StringComparer.Ordinal);
        return spans.Where(IsCallToTracedProcess).All(s => parents.Contains(s.SpanId));
    }

    private static bool IsCallToTracedProcess(DashboardSpan span) =>
        span.Kind == DashboardSpan.KindProducer
        || (span.Kind == DashboardSpan.KindClient && !span.IsError
            && (span.Attributes.ContainsKey("http.request.method") || span.Attributes.ContainsKey("rpc.system")));

    private static bool SameSpans(IReadOnlyList<DashboardSpan> before, IReadOnlyList<DashboardSpan> now) =>
        before.Count == now.Count && before.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal).SetEquals(now.Select(s => s.SpanId));
}
