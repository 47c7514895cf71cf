namespace TraceApp.Worker.Operations;

public sealed record HostnameResult(string Hostname);
