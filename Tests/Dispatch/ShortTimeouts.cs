using TraceApp.Jobs.Store;

namespace TraceApp.Tests.Dispatch;

/// <summary>
/// Acknowledgement and heartbeat timeouts of seconds and a re-dispatch sweep every 200 ms, for the Api, the Workers
/// (as environment) and the test's own store alike, so recovery happens within a test's few seconds.
/// </summary>
public static class ShortTimeouts
{
    public static readonly TimeSpan Acknowledgement = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(3);

    public static JobStoreOptions StoreOptions => new() { AcknowledgementTimeout = Acknowledgement, HeartbeatTimeout = Heartbeat };

    /// <summary>The settings with <paramref name="more"/> on top.</summary>
    public static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? more = null)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Jobs__Store__AcknowledgementTimeout"] = Acknowledgement.ToString(),
            ["Jobs__Store__HeartbeatTimeout"] = Heartbeat.ToString(),
            ["Api__Redispatch__Interval"] = TimeSpan.FromMilliseconds(200).ToString(),
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        return environment;
    }
}
