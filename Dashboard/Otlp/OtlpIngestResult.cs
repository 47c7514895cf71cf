namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// How much of one export a sink refused (spans, log records or data points) and why. It becomes the export's
/// <c>partial_success</c>; the default (nothing rejected, no message) means everything was accepted.
/// </summary>
public readonly record struct OtlpIngestResult(long Rejected, string? ErrorMessage)
{
    public static OtlpIngestResult Accepted => default;

    public bool IsPartialSuccess => Rejected > 0 || !string.IsNullOrEmpty(ErrorMessage);
}
