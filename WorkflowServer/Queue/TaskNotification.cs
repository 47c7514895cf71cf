using System.Globalization;

namespace TraceApp.WorkflowServer.Queue;

/// <summary>
/// The payload of a NOTIFY on <see cref="Channel"/>: which queue has a run of which type to hand out, and when —
/// now (no due time: one poller that accepts the type is woken) or at <see cref="DueAt"/> (a retry or a timer,
/// which the due-time loop of every server learns this way). Text "namespace\ttask_queue\tworkflow_type\tdue-unix-ms";
/// names cannot hold a tab.
/// </summary>
public sealed record TaskNotification(string Namespace, string TaskQueue, string WorkflowType, DateTimeOffset? DueAt)
{
    public const string Channel = "workflow_tasks";

    public string Format() =>
        string.Create(CultureInfo.InvariantCulture, $"{Namespace}\t{TaskQueue}\t{WorkflowType}\t{DueAt?.ToUnixTimeMilliseconds()}");

    public static TaskNotification? TryParse(string payload)
    {
        var parts = payload.Split('\t');
        if (parts.Length != 4 || parts[0].Length == 0 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return null;
        }

        if (parts[3].Length == 0)
        {
            return new TaskNotification(parts[0], parts[1], parts[2], null);
        }

        return long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? new TaskNotification(parts[0], parts[1], parts[2], DateTimeOffset.FromUnixTimeMilliseconds(ms))
            : null;
    }
}
