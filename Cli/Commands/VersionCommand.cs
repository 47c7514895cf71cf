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
        var apiUrl = new Option<Uri>("--api-url")
        {
            Description = "Base URL of the API (env TRACEAPP_API_URL).",
            DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable("TRACEAPP_API_URL") ?? "http://127.0.0.1:5080"),
        };
        var command = new Command("version", "Print the CLI's version and the API's.") { apiUrl };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cliVersion = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
            Console.WriteLine($"traceapp {cliVersion}");
            var baseUrl = parse.GetValue(apiUrl)!;
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
}
