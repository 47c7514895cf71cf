namespace TraceApp.Dashboard.Components.Shared;

/// <summary>The "last N minutes" choices of the time filters, as they appear in the query string (<c>?range=15m</c>).</summary>
public static class TimeRange
{
    public const string All = "all";

    public static readonly IReadOnlyList<(string Key, string Label, TimeSpan? Length)> Choices =
    [
        ("5m", "Last 5 minutes", TimeSpan.FromMinutes(5)),
        ("15m", "Last 15 minutes", TimeSpan.FromMinutes(15)),
        ("1h", "Last hour", TimeSpan.FromHours(1)),
        ("6h", "Last 6 hours", TimeSpan.FromHours(6)),
        (All, "All", null),
    ];

    /// <summary>Where a range starts, counted back from now; null for "all" and for anything not a choice.</summary>
    public static DateTimeOffset? Start(string? key, DateTimeOffset now) =>
        Choices.FirstOrDefault(c => c.Key == key).Length is { } length ? now - length : null;

    /// <summary>A known key, or <see cref="All"/>.</summary>
    public static string Normalize(string? key) => Choices.Any(c => c.Key == key) ? key! : All;
}
