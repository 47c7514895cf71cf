using System.CommandLine;
using TraceApp.Cli.Configuration;
using TraceApp.Cli.Dashboard;
using TraceApp.Cli.Output;

namespace TraceApp.Cli.Commands;

/// <summary>
/// <c>traceapp trace &lt;trace-id&gt;</c>: the trace as the Aspire dashboard holds it, as a waterfall. Also what
/// <c>--show-trace</c> prints after a command.
/// </summary>
public static class TraceCommand
{
    public static readonly TimeSpan CollectTimeout = TimeSpan.FromSeconds(30);

    public static Command Create(CliRuntime runtime)
    {
        var traceId = new Argument<string>("trace-id") { Description = "The 32-hex-digit W3C trace id (printed after every command)." };
        traceId.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !IsTraceId(result.Tokens[0].Value))
            {
                result.AddError($"'{result.Tokens[0].Value}' is not a trace id (32 lowercase hex digits).");
            }
        });
        var command = new Command("trace", "Print a trace from the dashboard as an indented waterfall: service, span, duration, errors.") { traceId };
        runtime.SetAction(command, async (session, cancellationToken) =>
            await PrintAsync(session.Settings, session.Parse.GetValue(traceId)!, session.Json, Console.Out, cancellationToken));
        return command;
    }

    public static bool IsTraceId(string text) => text.Length == 32 && text.All(char.IsAsciiHexDigitLower);

    /// <summary>Waits until the trace is complete at the dashboard (<see cref="TraceCollector"/>), then prints it.</summary>
    public static async Task<int> PrintAsync(CliSettings settings, string traceId, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        if (settings.DashboardUrl is null || settings.DashboardApiKey is null)
        {
            throw new CliException(ExitCodes.Usage,
                $"no dashboard: set {CliSettings.DashboardUrlVariable} and {CliSettings.DashboardApiKeyVariable}, or run the AppHost (it writes .traceapp/cli.json).");
        }

        using var dashboard = new DashboardTelemetry(settings.DashboardUrl, settings.DashboardApiKey);
        var (spans, complete) = await new TraceCollector(dashboard).CollectAsync(traceId, CollectTimeout, cancellationToken);
        if (spans.Count == 0)
        {
            throw new CliException(ExitCodes.NotFound, $"the dashboard at {settings.DashboardUrl} has no trace {traceId}.");
        }

        if (json)
        {
            output.WriteLine(System.Text.Json.JsonSerializer.Serialize(spans, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true }));
        }
        else
        {
            foreach (var line in TraceWaterfall.Render(spans))
            {
                output.WriteLine(line);
            }
        }

        if (!complete)
        {
            Console.Error.WriteLine($"warning: the trace was still changing or missing parent spans after {CollectTimeout.TotalSeconds:0} s; printed what had arrived.");
        }

        return ExitCodes.Ok;
    }

    /// <summary>The dashboard page of a trace.</summary>
    public static Uri Link(Uri dashboard, string traceId) => new(dashboard, $"/traces/detail/{traceId}");
}
