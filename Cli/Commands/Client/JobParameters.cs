using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TraceApp.Cli.Commands.Client;

/// <summary>
/// <c>--param key=value</c> pairs as the job's JSON params: a value that reads as JSON (a number, true/false, an
/// object) is taken as such, anything else as a string (<c>--param host=example.com --param count=3</c>).
/// </summary>
public static class JobParameters
{
    public static JsonObject? Parse(IReadOnlyList<string>? pairs)
    {
        if (pairs is null || pairs.Count == 0)
        {
            return null;
        }

        var parameters = new JsonObject();
        foreach (var pair in pairs)
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new CliException(ExitCodes.Usage, $"--param takes key=value, not '{pair}'.");
            }

            parameters[pair[..separator]] = Value(pair[(separator + 1)..]);
        }

        return parameters;
    }

    /// <summary>Checks each <c>--param</c> at parse time, so a malformed one is a usage error before anything is sent.</summary>
    public static void Validate(OptionResult result)
    {
        foreach (var token in result.Tokens.Where(t => t.Value.IndexOf('=', StringComparison.Ordinal) <= 0))
        {
            result.AddError($"--param takes key=value, not '{token.Value}'.");
        }
    }

    private static JsonNode? Value(string text)
    {
        if (text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '{' or '[' || text is "true" or "false" or "null"))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
            }
        }

        return JsonValue.Create(text);
    }
}
