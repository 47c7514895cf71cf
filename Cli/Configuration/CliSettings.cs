using System.Collections;

namespace TraceApp.Cli.Configuration;

/// <summary>The values a flag on the command line sets (null: not given).</summary>
public sealed record CliFlags(string? ApiUrl = null, string? Token = null, string? Target = null);

/// <summary>
/// What the CLI talks to and as whom, each value from the first that has it: flag, environment variable
/// (<c>TRACEAPP_*</c>), the AppHost's <c>.traceapp/cli.json</c>, default.
/// </summary>
public sealed record CliSettings(
    Uri ApiUrl,
    string? Token,
    string Target,
    Uri? DashboardUrl,
    string? DashboardApiKey,
    string? SigningKey,
    string? ConfigFilePath)
{
    public const string ApiUrlVariable = "TRACEAPP_API_URL";
    public const string TokenVariable = "TRACEAPP_TOKEN";
    public const string TargetVariable = "TRACEAPP_TARGET";
    public const string DashboardUrlVariable = "TRACEAPP_DASHBOARD_URL";
    public const string DashboardApiKeyVariable = "TRACEAPP_DASHBOARD_API_KEY";
    public const string SigningKeyVariable = "TRACEAPP_SIGNING_KEY";

    public static readonly Uri DefaultApiUrl = new("http://127.0.0.1:5080");
    public const string DefaultTarget = "_any";

    /// <exception cref="CliException">A URL that is not absolute http(s) (exit code 2).</exception>
    public static CliSettings Resolve(CliFlags flags, IDictionary environment, CliConfigFile? file, string? filePath)
    {
        string? Pick(string? flag, string variable, string? fromFile) =>
            FirstSet(flag, environment[variable] as string, fromFile);

        var apiUrl = Pick(flags.ApiUrl, ApiUrlVariable, file?.ApiUrl);
        var dashboardUrl = Pick(null, DashboardUrlVariable, file?.DashboardUrl);
        return new CliSettings(
            apiUrl is null ? DefaultApiUrl : ParseUrl(apiUrl, flags.ApiUrl is not null ? "--api-url" : environment[ApiUrlVariable] is string { Length: > 0 } ? ApiUrlVariable : filePath!),
            Pick(flags.Token, TokenVariable, file?.Token),
            Pick(flags.Target, TargetVariable, null) ?? DefaultTarget,
            dashboardUrl is null ? null : ParseUrl(dashboardUrl, DashboardUrlVariable),
            Pick(null, DashboardApiKeyVariable, file?.DashboardApiKey),
            Pick(null, SigningKeyVariable, file?.SigningKey),
            filePath);
    }

    /// <summary>An absolute http:// or https:// URL, or null.</summary>
    public static Uri? TryParseUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    private static Uri ParseUrl(string text, string source) =>
        TryParseUrl(text) ?? throw new CliException(ExitCodes.Usage, $"{source} must be an absolute http:// or https:// URL, not '{text}'.");

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
