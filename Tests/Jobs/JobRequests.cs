using System.Text.Json;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Tests.Jobs;

internal static class JobRequests
{
    public const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    public const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    public static NewJob Hostname(JobTarget? target = null) =>
        new(JobOperations.NodeHostname, target ?? JobTarget.Any, null, TraceId, TraceParent);

    public static NewJob Ping(string host = "example.com", int count = 3) =>
        new(JobOperations.NetworkPing, JobTarget.Any, Json($$"""{"host":"{{host}}","count":{{count}}}"""), TraceId, TraceParent);

    public static NewJob OnAll(params string[] workers) =>
        new(JobOperations.NodeUptime, JobTarget.All, null, TraceId, TraceParent, workers);

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
