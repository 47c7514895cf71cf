namespace TraceApp.Worker.Operations;

/// <summary>node.status: the node at a glance, each part as its own operation reports it.</summary>
public sealed record StatusResult(string Hostname, UptimeResult Uptime, LoadResult Load, MemoryResult Memory, OsResult Os);
