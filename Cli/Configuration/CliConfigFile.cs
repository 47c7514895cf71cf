using System.Text.Json;
using System.Text.Json.Serialization;

namespace TraceApp.Cli.Configuration;

/// <summary>
/// <c>.traceapp/cli.json</c>, which a running AppHost writes into its data directory: where the Api and the
/// dashboard are, an admin token, the signing key, and the OTLP endpoint with its key. The CLI takes the first one
/// found from the current directory upwards; flags and environment variables override each value.
/// </summary>
public sealed record CliConfigFile(
    string? ApiUrl,
    string? Token,
    string? SigningKey,
    string? DashboardUrl,
    string? DashboardApiKey,
    string? OtlpEndpoint,
    string? OtlpProtocol,
    string? OtlpHeaders)
{
    public const string DirectoryName = ".traceapp";
    public const string FileName = "cli.json";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The path of the <c>.traceapp/cli.json</c> in <paramref name="directory"/> or its nearest ancestor that has one.</summary>
    public static string? Find(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var candidate = Path.Combine(current.FullName, DirectoryName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <exception cref="CliException">The file cannot be read or is not the JSON object the AppHost writes.</exception>
    public static CliConfigFile Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<CliConfigFile>(File.ReadAllText(path), Json)
                ?? throw new CliException(ExitCodes.Error, $"{path} is empty.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliException(ExitCodes.Error, $"cannot read {path}: {e.Message}");
        }
    }

    /// <summary>The OTLP settings as the variables the telemetry settings read, for the lowest configuration layer.</summary>
    public Dictionary<string, string?> OtelVariables()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint))
        {
            variables["OTEL_EXPORTER_OTLP_ENDPOINT"] = OtlpEndpoint;
            variables["OTEL_EXPORTER_OTLP_PROTOCOL"] = OtlpProtocol;
            variables["OTEL_EXPORTER_OTLP_HEADERS"] = OtlpHeaders;
        }

        return variables;
    }
}
