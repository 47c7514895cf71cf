namespace TraceApp.Worker.Operations;

/// <summary>What /etc/resolv.conf tells the resolver: whom to ask and which domains to try short names in.</summary>
public sealed record ResolverConfiguration(IReadOnlyList<string> Nameservers, IReadOnlyList<string> SearchDomains);
