using System.Globalization;

namespace TraceApp.Benchmarks.Workflows;

/// <param name="Runs">Workflows started per throughput round (after a warm-up of a tenth).</param>
/// <param name="WakeUps">Sequential StartWorkflow → PollTask answer measurements.</param>
/// <param name="WorkerCounts">The throughput rounds: how many worker runtimes each has.</param>
/// <param name="MaxConcurrency">Runs one worker runtime executes at once.</param>
/// <param name="Tracing">Spans recorded in the server and the workers (the sampler on), exported only with <paramref name="OtlpEndpoint"/>.</param>
/// <param name="OtlpEndpoint">Export traces (and metrics, logs) of both sides over OTLP there, e.g. a running Aspire dashboard.</param>
/// <param name="EphemeralPostgres">fsync, synchronous_commit and full_page_writes off, as the AppHost's ephemeral mode.</param>
internal sealed record WorkflowsBenchmarkOptions(
    int Runs, int WakeUps, IReadOnlyList<int> WorkerCounts, int MaxConcurrency, bool Tracing, string? OtlpEndpoint, bool EphemeralPostgres)
{
    public const string Usage =
        "workflows [--runs N (1000)] [--wakeups N (200)] [--workers 1,4] [--concurrency N (16)] [--tracing on|off (on)] [--otlp URL] [--ephemeral-postgres]";

    /// <summary>The telemetry settings the server process and the in-process workers get (TraceApp's keys, as environment or configuration).</summary>
    public IReadOnlyDictionary<string, string?> TelemetryEnvironment => new Dictionary<string, string?>
    {
        ["TRACEAPP_TELEMETRY_TRACING_ENABLED"] = Tracing ? "true" : "false",
        ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = OtlpEndpoint is null ? "none" : "otlp",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = OtlpEndpoint,
    };

    public string TracingDescription => !Tracing ? "tracing off" : OtlpEndpoint is null ? "tracing on, no exporter" : $"tracing on, OTLP to {OtlpEndpoint}";

    public static WorkflowsBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new WorkflowsBenchmarkOptions(1000, 200, [1, 4], 16, Tracing: true, OtlpEndpoint: null, EphemeralPostgres: false);
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--runs" => options with { Runs = Positive(Value(args, ++i)) },
                "--wakeups" => options with { WakeUps = Positive(Value(args, ++i)) },
                "--workers" => options with { WorkerCounts = [.. Value(args, ++i).Split(',').Select(Positive)] },
                "--concurrency" => options with { MaxConcurrency = Positive(Value(args, ++i)) },
                "--tracing" => options with { Tracing = Value(args, ++i) switch { "on" => true, "off" => false, var v => throw Invalid("--tracing", v) } },
                "--otlp" => options with { OtlpEndpoint = Value(args, ++i) },
                "--ephemeral-postgres" => options with { EphemeralPostgres = true },
                var other => throw new ArgumentException($"Unknown option '{other}'. Usage: {Usage}"),
            };
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, int index) =>
        index < args.Count ? args[index] : throw new ArgumentException($"'{args[index - 1]}' needs a value. Usage: {Usage}");

    private static int Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw Invalid("a count", text);

    private static ArgumentException Invalid(string what, string value) => new($"Invalid value '{value}' for {what}. Usage: {Usage}");
}
