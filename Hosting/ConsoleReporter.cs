using Spectre.Console;
using TraceApp.Hosting.Orchestration;

namespace TraceApp.Hosting;

/// <summary>
/// The AppHost console: one line per state change while resources start, a table of every resource with its
/// state, health and endpoints once all are healthy (or one failed), and children's output prefixed with
/// their name. A line-based report rather than a redrawn table, so output stays readable in logs and CI too.
/// </summary>
internal sealed class ConsoleReporter(ResourceNotificationService notifications)
{
    private readonly Lock _console = new();

    public void Echo(string name, string line, bool isError)
    {
        lock (_console)
        {
            (isError ? Console.Error : Console.Out).WriteLine($"{name,-16}| {line}");
        }
    }

    public async Task ReportUntilCancelledAsync(CancellationToken cancellationToken)
    {
        if (Console.IsOutputRedirected)
        {
            // Spectre assumes 80 columns without a terminal; logs are better served by unwrapped rows.
            AnsiConsole.Profile.Width = 200;
        }

        var tablePrinted = false;
        var printed = new Dictionary<string, (ResourceState, ResourceHealth)>();
        try
        {
            await foreach (var snapshot in notifications.WatchAsync(cancellationToken))
            {
                if (printed.TryGetValue(snapshot.InstanceName, out var last) && last == (snapshot.State, snapshot.Health))
                {
                    continue;
                }

                printed[snapshot.InstanceName] = (snapshot.State, snapshot.Health);
                lock (_console)
                {
                    AnsiConsole.MarkupLine(
                        $"[grey]{DateTime.Now:HH:mm:ss}[/] [bold]{Markup.Escape(snapshot.InstanceName),-16}[/] {Describe(snapshot)}");
                }

                var all = notifications.Current;
                if (!tablePrinted && all.All(s => s.IsHealthy || s.IsFinished))
                {
                    tablePrinted = true;
                    PrintTable(all);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void PrintTable(IReadOnlyList<ResourceSnapshot> snapshots)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Resource", "Type", "State", "Health", "Endpoints", "PID");
        foreach (var s in snapshots.OrderBy(s => s.InstanceName, StringComparer.Ordinal))
        {
            table.AddRow(
                Markup.Escape(s.InstanceName), s.ResourceType, Describe(s), s.Health.ToString(),
                Markup.Escape(string.Join(" ", s.Endpoints)), s.ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        lock (_console)
        {
            AnsiConsole.Write(table);
            var failed = snapshots.Any(s => s.IsFinished);
            AnsiConsole.MarkupLine(failed
                ? "[red]Some resources did not start; see the messages above.[/] Press Ctrl+C to stop."
                : "[green]All resources are healthy.[/] The dashboard arrives with the Dashboard issue. Press Ctrl+C to stop.");
        }
    }

    private static string Describe(ResourceSnapshot s) => s.State switch
    {
        ResourceState.Running when s.Health == ResourceHealth.Healthy => "[green]Running[/]",
        ResourceState.Running => $"[yellow]Running ({s.Health})[/] {Markup.Escape(s.Message ?? "")}",
        ResourceState.Exited => $"[red]Exited (code {s.ExitCode})[/]",
        ResourceState.FailedToStart => $"[red]FailedToStart[/] {Markup.Escape(s.Message ?? "")}",
        _ => s.State.ToString(),
    };
}
