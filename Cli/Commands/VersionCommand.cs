using System.CommandLine;
using System.Net.Http.Json;
using System.Reflection;

namespace TraceApp.Cli.Commands;

/// <summary><c>traceapp version</c>: the CLI's version and the API's, from <c>GET /version</c>.</summary>
public static class VersionCommand
{
    private sealed record VersionInfo(string Name, string Version);

    public static Command Create()
    {
        var apiUrl = new Option<Uri?>("--api-url")
        {
            Description = "Base URL of the API (env TRACEAPP_API_URL).",
            DefaultValueFactory = _ => ParseUrl(Environment.GetEnvironmentVariable("TRACEAPP_API_URL") ?? "http://127.0.0.1:5080"),
            CustomParser = result => ParseUrl(result.Tokens.Single().Value) ?? Reject(result),
        };
        var command = new Command("version", "Print the CLI's version and the API's.") { apiUrl };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cliVersion = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
            Console.WriteLine($"traceapp {cliVersion}");
            var baseUrl = parse.GetValue(apiUrl);
            if (baseUrl is null)
            {
                Console.Error.WriteLine("error: TRACEAPP_API_URL must be an absolute http:// or https:// URL.");
                return 1;
            }

            using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
            try
            {
                var api = await http.GetFromJsonAsync<VersionInfo>("/version", cancellationToken);
                Console.WriteLine($"{api?.Name} {api?.Version} at {baseUrl}");
                return 0;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                Console.Error.WriteLine($"error: cannot reach the API at {baseUrl}: {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Uri? ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    private static Uri? Reject(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"--api-url must be an absolute http:// or https:// URL, not '{result.Tokens.Single().Value}'.");
        return null;
    }
}
