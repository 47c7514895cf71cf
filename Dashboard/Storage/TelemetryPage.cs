namespace TraceApp.Dashboard.Storage;

/// <summary>One page of a query's results, newest first, and how many results there are in all.</summary>
public sealed record TelemetryPage<T>(IReadOnlyList<T> Items, int TotalCount);
