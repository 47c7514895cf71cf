namespace TraceApp.Dashboard.Configuration;

/// <summary>How the OTLP receivers authenticate exporters (Aspire's <c>Dashboard:Otlp:AuthMode</c> values).</summary>
public enum OtlpAuthMode
{
    /// <summary>Every export is accepted.</summary>
    Unsecured,

    /// <summary>An export must carry the primary or the secondary key in the <c>x-otlp-api-key</c> header.</summary>
    ApiKey,
}
