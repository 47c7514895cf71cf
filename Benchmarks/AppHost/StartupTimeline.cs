using System.Text.RegularExpressions;
using TraceApp.Benchmarks.Processes;

namespace TraceApp.Benchmarks.AppHost;

/// <summary>
/// When each step of a start-up happened (seconds since <c>dotnet run</c> was started), read from the AppHost's
/// console output with <c>Aspire.Hosting</c> logging at Debug: DCP's start, and per resource the moment DCP
/// started its process, the moment it was Running and the moment Aspire found it healthy ("Resource 'x' is ready");
/// for the services on fixed ports also the moment their /health first answered, polled by the benchmark.
/// </summary>
internal sealed partial class StartupTimeline
{
    public const string RunningState = "Running";

    private readonly Dictionary<string, double> _milestones = [];
    private readonly Dictionary<(string Resource, string Step), double> _resourceSteps = [];
    private readonly Dictionary<string, string> _lastStates = [];

    /// <summary>The milestones of the whole system, in the order they are reported.</summary>
    public static readonly (string Name, Func<string, bool> Match)[] Milestones =
    [
        ("`dotnet run` has read the launch settings", l => l.StartsWith("Using launch settings from", StringComparison.Ordinal)),
        ("AppHost: \"Distributed application starting\"", l => l.Contains("Distributed application starting.", StringComparison.Ordinal)),
        ("AppHost starts DCP", l => l.Contains("Starting DCP with arguments", StringComparison.Ordinal)),
        ("DCP's API server answers", l => l.Contains("Successfully read Kubernetes configuration", StringComparison.Ordinal)),
        ("AppHost: \"Distributed application started\"", l => l.Contains("Distributed application started.", StringComparison.Ordinal)),
        ("TraceApp is ready (every health check passes)", l => l.Contains(AppHostRun.ReadyMessagePrefix, StringComparison.Ordinal)),
    ];

    /// <summary>What the benchmark saw itself: the service's /health answered 200 (through DCP's proxy).</summary>
    public const string HealthAnswersStep = "/health answers 200";

    /// <summary>Per resource: it waits for others, DCP starts its process, it is Running, its /health answers, Aspire finds it healthy.</summary>
    public static readonly string[] ResourceSteps = ["waits", "process started", RunningState, HealthAnswersStep, "healthy"];

    public IReadOnlyDictionary<string, double> MilestoneTimes => _milestones;

    public IReadOnlyDictionary<(string Resource, string Step), double> ResourceStepTimes => _resourceSteps;

    /// <summary>Each resource's latest state (Starting, Waiting, Running, Exited, FailedToStart, …).</summary>
    public IReadOnlyDictionary<string, string> LastStates => _lastStates;

    public IEnumerable<string> Resources => _resourceSteps.Keys.Select(k => k.Resource).Concat(_lastStates.Keys).Distinct();

    public static StartupTimeline Read(IEnumerable<OutputLine> lines, IReadOnlyDictionary<string, double>? healthAnswers = null)
    {
        var timeline = new StartupTimeline();
        foreach (var (resource, at) in healthAnswers ?? new Dictionary<string, double>())
        {
            timeline._resourceSteps[(resource, HealthAnswersStep)] = at;
        }

        foreach (var line in lines)
        {
            var at = line.At.TotalSeconds;
            var text = line.Text.Trim();
            foreach (var (name, match) in Milestones)
            {
                if (match(text))
                {
                    timeline._milestones.TryAdd(name, at);
                }
            }

            if (StateChange().Match(text) is { Success: true } state)
            {
                var resource = state.Groups["name"].Value;
                var to = state.Groups["state"].Value;
                timeline._lastStates[resource] = to;
                if (to == "Waiting")
                {
                    timeline._resourceSteps.TryAdd((resource, "waits"), at);
                }
                else if (to == RunningState)
                {
                    timeline._resourceSteps.TryAdd((resource, RunningState), at);
                }
            }
            else if (ProcessStart().Match(text) is { Success: true } start)
            {
                timeline._resourceSteps.TryAdd((start.Groups["name"].Value, "process started"), at);
            }
            else if (Healthy().Match(text) is { Success: true } healthy)
            {
                timeline._resourceSteps.TryAdd((healthy.Groups["name"].Value, "healthy"), at);
            }
        }

        return timeline;
    }

    // "Resource api/api-khecaqbw changed state: Starting -> Waiting", "Resource nats/nats-jhdknzdm changed state: Running"
    [GeneratedRegex(@"^Resource (?<name>[^/\s]+)/\S+ changed state: (?:.+? -> )?(?<state>.+)$")]
    private static partial Regex StateChange();

    // DCP: 'Starting process...	{"Executable": "/worker-wxvcwkqm", ...' (the suffix is DCP's 8-letter id)
    [GeneratedRegex("""^Starting process\.\.\.\s+\{"Executable": "/(?<name>.+)-[a-z0-9]{8}",""")]
    private static partial Regex ProcessStart();

    // ResourceHealthCheckService: "Resource 'nats' is ready." (healthy, or running without health checks)
    [GeneratedRegex(@"^Resource '(?<name>[^']+)' is ready\.$")]
    private static partial Regex Healthy();
}
