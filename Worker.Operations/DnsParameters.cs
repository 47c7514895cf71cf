namespace TraceApp.Worker.Operations;

/// <param name="Name">A host name to resolve as well, or null for the resolver configuration alone.</param>
public sealed record DnsParameters(string? Name);
