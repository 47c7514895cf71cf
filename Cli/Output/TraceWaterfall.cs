using System.Globalization;
using System.Text;
using TraceApp.Cli.Dashboard;

namespace TraceApp.Cli.Output;

/// <summary>
/// A trace as an indented tree, one line per span in start order under its parent: a bar placing the span on the
/// trace's time line, its duration, service and name, and <c>ERROR</c> with the status message for failed spans.
/// Spans whose parent is not in the trace are shown as roots.
/// </summary>
public static class TraceWaterfall
{
    public const int BarWidth = 24;

    public static IReadOnlyList<string> Render(IReadOnlyList<DashboardSpan> spans)
    {
        if (spans.Count == 0)
        {
            return [];
        }

        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans
            .Where(s => s.ParentSpanId is { } parent && ids.Contains(parent))
            .ToLookup(s => s.ParentSpanId!, StringComparer.Ordinal);
        var roots = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId));
        var start = spans.Min(s => s.StartTimeUnixNano);
        var end = Math.Max(spans.Max(s => s.EndTimeUnixNano), start + 1);
        var serviceWidth = spans.Max(s => s.ServiceName.Length);

        var lines = new List<string>();
        void Add(DashboardSpan span, int depth)
        {
            lines.Add(Line(span, depth, start, end, serviceWidth));
            foreach (var child in Ordered(children[span.SpanId]))
            {
                Add(child, depth + 1);
            }
        }

        foreach (var root in Ordered(roots))
        {
            Add(root, 0);
        }

        return lines;
    }

    /// <summary>A duration as the dashboard shows it: µs below 1 ms, ms below 1 s, else s.</summary>
    public static string FormatDuration(TimeSpan duration) =>
        duration.TotalMilliseconds < 1 ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMicroseconds:0}µs")
        : duration.TotalSeconds < 1 ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.0}ms")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.00}s");

    private static IEnumerable<DashboardSpan> Ordered(IEnumerable<DashboardSpan> spans) =>
        spans.OrderBy(s => s.StartTimeUnixNano).ThenBy(s => s.SpanId, StringComparer.Ordinal);

    private static string Line(DashboardSpan span, int depth, ulong start, ulong end, int serviceWidth)
    {
        var line = new StringBuilder()
            .Append(Bar(span, start, end)).Append(' ')
            .Append(FormatDuration(span.Duration).PadLeft(9)).Append("  ")
            .Append(span.ServiceName.PadRight(serviceWidth)).Append("  ")
            .Append(' ', depth * 2).Append(span.Name);
        if (span.IsError)
        {
            line.Append("  ERROR");
            if (span.StatusMessage is { } message)
            {
                line.Append(": ").Append(message.ReplaceLineEndings(" "));
            }
        }

        return line.ToString();
    }

    /// <summary><c>|   ████     |</c>: where the span lies within the whole trace (at least one cell).</summary>
    private static string Bar(DashboardSpan span, ulong start, ulong end)
    {
        var total = (double)(end - start);
        var from = (int)Math.Clamp(Math.Floor((span.StartTimeUnixNano - start) / total * BarWidth), 0, BarWidth - 1);
        var to = (int)Math.Clamp(Math.Ceiling((Math.Max(span.EndTimeUnixNano, span.StartTimeUnixNano) - start) / total * BarWidth), from + 1, BarWidth);
        return "|" + new string(' ', from) + new string('█', to - from) + new string(' ', BarWidth - to) + "|";
    }
}
