using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TraceApp.ServiceDefaults.Logging;
using TraceApp.ServiceDefaults.Telemetry;

namespace TraceApp.Benchmarks;

/// <summary>
/// The cost every log line and every span pays for correlation: formatting one entry inside an active span
/// (text and JSON), against .NET's own simple console formatter as the baseline, and one span as a JSON line.
/// </summary>
[MemoryDiagnoser]
public class LogCorrelationBenchmarks
{
    private static readonly Func<IReadOnlyList<KeyValuePair<string, object?>>, Exception?, string> Format = (state, _) => "serving version 0.1.0";
    private readonly IReadOnlyList<KeyValuePair<string, object?>> _state =
        [new("Version", "0.1.0"), new("{OriginalFormat}", "serving version {Version}")];

    private readonly StringWriter _buffer = new();
    private readonly ActivitySource _source = new("TraceApp.Benchmarks");
    private ConsoleFormatter _text = null!;
    private ConsoleFormatter _json = null!;
    private ConsoleFormatter _simple = null!;
    private ActivityListener _listener = null!;
    private Activity _activity = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new StaticOptions<ConsoleFormatterOptions>(new ConsoleFormatterOptions());
        _text = new TextLogFormatter(options);
        _json = new JsonLogFormatter(options);
        _simple = CreateSimpleFormatter();
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
        _activity = _source.StartActivity("GET /version", ActivityKind.Server)!;
        _activity.SetTag("http.request.method", "GET").SetTag("url.path", "/version").SetTag("http.response.status_code", 200);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _activity.Dispose();
        _listener.Dispose();
    }

    [Benchmark(Baseline = true)]
    public string DotNetSimpleFormatter() => Write(_simple);

    [Benchmark]
    public string TextFormatter() => Write(_text);

    [Benchmark]
    public string JsonFormatter() => Write(_json);

    [Benchmark]
    public string SpanAsJsonLine() => SpanJsonWriter.ToJsonLine(_activity, resource: null);

    // As ConsoleLogger does: render into a reused StringWriter, then take the string it queues for the console.
    private string Write(ConsoleFormatter formatter)
    {
        _buffer.GetStringBuilder().Clear();
        formatter.Write(new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(
            LogLevel.Information, "TraceApp.Api.Version", default, _state, null, Format), null, _buffer);
        return _buffer.ToString();
    }

    // .NET's SimpleConsoleFormatter is internal: take the instance the console logger registers.
    private static ConsoleFormatter CreateSimpleFormatter() =>
        new ServiceCollection().AddLogging(logging => logging.AddSimpleConsole(o => o.IncludeScopes = false))
            .BuildServiceProvider().GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Simple);

    private sealed class StaticOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
