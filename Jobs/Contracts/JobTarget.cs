using System.Diagnostics.CodeAnalysis;

namespace TraceApp.Jobs.Contracts;

public enum JobTargetKind
{
    /// <summary>One worker, whichever takes it (NATS queue group).</summary>
    Any,

    /// <summary>Every live worker, one result each.</summary>
    All,

    /// <summary>The worker on one host.</summary>
    Host,
}

/// <summary>Where a job runs: <c>_any</c>, <c>_all</c> or <c>host:&lt;RFC 1123 name&gt;</c>.</summary>
public sealed record JobTarget
{
    public const string AnyText = "_any";
    public const string AllText = "_all";
    public const string HostPrefix = "host:";

    public static readonly JobTarget Any = new(JobTargetKind.Any, null);
    public static readonly JobTarget All = new(JobTargetKind.All, null);

    private JobTarget(JobTargetKind kind, string? host) => (Kind, Host) = (kind, host);

    public JobTargetKind Kind { get; }

    /// <summary>The host name (lower case) of a <see cref="JobTargetKind.Host"/> target.</summary>
    public string? Host { get; }

    public static JobTarget ForHost(string host) =>
        HostName.Explain(host) is { } error ? throw new ArgumentException(error, nameof(host)) : new(JobTargetKind.Host, host.ToLowerInvariant());

    public static JobTarget Parse(string text) =>
        TryParse(text, out var target, out var error) ? target : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out JobTarget? target, [NotNullWhen(false)] out string? error)
    {
        (target, error) = text switch
        {
            AnyText => (Any, null),
            AllText => (All, null),
            not null when text.StartsWith(HostPrefix, StringComparison.Ordinal) =>
                HostName.Explain(text[HostPrefix.Length..]) is { } hostError
                    ? (null, hostError)
                    : (new JobTarget(JobTargetKind.Host, text[HostPrefix.Length..].ToLowerInvariant()), null),
            _ => ((JobTarget?)null, $"A target is '{AnyText}', '{AllText}' or '{HostPrefix}<host name>' (got '{text}')."),
        };
        return target is not null;
    }

    public override string ToString() => Kind switch
    {
        JobTargetKind.Any => AnyText,
        JobTargetKind.All => AllText,
        _ => HostPrefix + Host,
    };
}
