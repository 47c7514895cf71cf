using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TraceApp.Cli.Configuration;
using TraceApp.Cli.Http;

namespace TraceApp.Cli.Commands;

/// <summary>One command's run: its parse result, resolved settings, output mode and (on first use) its API client.</summary>
public sealed class CommandSession(ParseResult parse, CliSettings settings, bool json, ILogger logger) : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private ApiClient? _api;

    public ParseResult Parse { get; } = parse;

    public CliSettings Settings { get; } = settings;

    /// <summary>True with <c>--json</c>: print the API's JSON as it is.</summary>
    public bool Json { get; } = json;

    public ILogger Logger { get; } = logger;

    public ApiClient Api => _api ??= new ApiClient(Settings.ApiUrl, Settings.Token);

    public static void WriteJson(JsonElement json) => Console.Out.WriteLine(JsonSerializer.Serialize(json, Indented));

    /// <summary><paramref name="json"/> as JSON with <c>--json</c>, else the lines <paramref name="text"/> makes of it.</summary>
    public void Write(JsonElement json, Func<JsonElement, IEnumerable<string>> text)
    {
        if (Json)
        {
            WriteJson(json);
            return;
        }

        foreach (var line in text(json))
        {
            Console.Out.WriteLine(line);
        }
    }

    public void Dispose() => _api?.Dispose();
}
