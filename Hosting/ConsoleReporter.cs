using System.Globalization;
using Spectre.Console;
using TraceApp.Hosting.Orchestration;

namespace TraceApp.Hosting;

/// <summary>
/// The AppHost console. In a terminal: a live table of every resource (state, health, endpoints, pid) redrawn
/// until all are healthy or one has failed; children's output from that time is held and printed after it.
/// Without a terminal (logs, CI): one line per state change, then the same table once. Afterwards, every
/// child's output prefixed with its name, and a line for every later state change.
/// </summary>
internal sealed class ConsoleReporter(ResourceNotificationService notifications)
{
    private readonly Lock _console = new();
    private List<(string Name, string Line, bool IsError)>? _held;

    public void Echo(string name, string line, bool isError)
    {
        lock (_console)
        {
            if (_held is not null)
            {
                _held.Add((name, line, isError));
                return;
            }

            Write(name, line, isError);
        }
    }

    public async Task ReportUntilCancelledAsync(CancellationToken cancellationToken)
    {
        var printed = new Dictionary<string, (ResourceState, ResourceHealth)>();
        try
        {
            if (Console.IsOutputRedirected)
            {
                // Spectre assumes 80 columns without a terminal; logs are better served by unwrapped rows.
                AnsiConsole.Profile.Width = 200;
            }
            else
            {
                await ShowLiveTableAsync(printed, cancellationToken);
            }

            var tablePrinted = !Console.IsOutputRedirected;
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

                if (!tablePrinted && IsSettled(notifications.Current))
                {
                    tablePrinted = true;
                    lock (_console)
                    {
                        AnsiConsole.Write(BuildTable(notifications.Current));
                        WriteSummary(notifications.Current);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            ReleaseHeldOutput();
        }
    }

    private async Task ShowLiveTableAsync(Dictionary<string, (ResourceState, ResourceHealth)> printed, CancellationToken cancellationToken)
    {
        lock (_console)
        {
            _held = [];
        }

        try
        {
            await AnsiConsole.Live(BuildTable(notifications.Current)).StartAsync(async live =>
            {
                await foreach (var _ in notifications.WatchAsync(cancellationToken))
                {
                    var current = notifications.Current;
                    live.UpdateTarget(BuildTable(current));
                    live.Refresh();
                    if (IsSettled(current))
                    {
                        foreach (var snapshot in current)
                        {
                            printed[snapshot.InstanceName] = (snapshot.State, snapshot.Health);
                        }

                        return;
                    }
                }
            });
            lock (_console)
            {
                WriteSummary(notifications.Current);
            }
        }
        finally
        {
            ReleaseHeldOutput();
        }
    }

    private void ReleaseHeldOutput()
    {
        lock (_console)
        {
            foreach (var (name, line, isError) in _held ?? [])
            {
                Write(name, line, isError);
            }

            _held = null;
        }
    }

    private static bool IsSettled(IReadOnlyList<ResourceSnapshot> snapshots) =>
        snapshots.Count > 0 && snapshots.All(s => s.IsHealthy || s.IsFinished);

    private static void Write(string name, string line, bool isError) =>
        (isError ? Console.Error : Console.Out).WriteLine($"{name,-16}| {line}");

    private static Table BuildTable(IReadOnlyList<ResourceSnapshot> snapshots)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Resource", "Type", "State", "Health", "Endpoints", "PID");
        foreach (var s in snapshots.OrderBy(s => s.InstanceName, StringComparer.Ordinal))
        {
            table.AddRow(
                Markup.Escape(s.InstanceName), s.ResourceType, Describe(s), s.Health.ToString(),
                Markup.Escape(string.Join("\n", s.Endpoints)), s.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "");
        }

        return table;
    }

    /// <summary>The dashboard's login URL, shown with the summary once everything is up.</summary>
    public Uri? DashboardLoginUrl { get; set; }

    private void WriteSummary(IReadOnlyList<ResourceSnapshot> snapshots) =>
        AnsiConsole.MarkupLine(snapshots.Any(s => s.IsFinished)
            ? "[red]Some resources did not start; see the messages above.[/] Press Ctrl+C to stop."
            : $"[green]All resources are healthy.[/]{(DashboardLoginUrl is null ? "" : $" Dashboard: {Markup.Escape(DashboardLoginUrl.ToString())}")} Press Ctrl+C to stop.");

    private static string Describe(ResourceSnapshot s) => s.State switch
    {
        ResourceState.Running when s.Health == ResourceHealth.Healthy => "[green]Running[/]",
        ResourceState.Running => $"[yellow]Running ({s.Health})[/] {Markup.Escape(s.Message ?? "")}",
        ResourceState.Exited => $"[red]Exited (code {s.ExitCode})[/]",
        ResourceState.FailedToStart => $"[red]FailedToStart[/] {Markup.Escape(s.Message ?? "")}",
        _ => s.State.ToString(),
    };
}
