namespace TraceApp.Worker.Operations;

/// <param name="Resolved">The addresses of the requested name; null when no name was requested.</param>
public sealed record DnsResult(IReadOnlyList<string> Nameservers, IReadOnlyList<string> SearchDomains, DnsResolution? Resolved);

public sealed record DnsResolution(string Name, IReadOnlyList<string> Addresses);
