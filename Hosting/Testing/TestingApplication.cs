using TraceApp.Dashboard.Otlp;
using TraceApp.Hosting.ApplicationModel;
using TraceApp.Hosting.Orchestration;

namespace TraceApp.Hosting.Testing;

/// <summary>A model started for a test: waits on resource states, clients, connection strings and received spans.</summary>
public sealed class TestingApplication : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly OtlpHttpReceiver _receiver;
    private readonly DirectoryInfo _dataDirectory;

    internal TestingApplication(DistributedApplication application, OtlpHttpReceiver receiver, DirectoryInfo dataDirectory)
    {
        Application = application;
        _receiver = receiver;
        _dataDirectory = dataDirectory;
    }

    public DistributedApplication Application { get; }

    /// <summary>Everything the app's services exported over OTLP.</summary>
    public ReceivedTelemetry Telemetry => _receiver.Telemetry;

    public ResourceNotificationService ResourceNotifications => Application.ResourceNotifications;

    public Task StartAsync() => Application.StartAsync();

    /// <summary>Waits until every instance of <paramref name="name"/> is running and healthy; fails fast if one exits.</summary>
    public async Task WaitForResourceHealthyAsync(string name, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            var states = await ResourceNotifications.WaitForAsync(name, s => s.IsHealthy || s.IsFinished, deadline.Token);
            if (states.Any(s => s.IsFinished))
            {
                // Report every instance that stopped, since the cause is often a dependency.
                var stopped = ResourceNotifications.Current.Where(s => s.IsFinished).Select(s =>
                    $"{s.InstanceName} is {s.State} (exit code {s.ExitCode}): {s.Message}{Environment.NewLine}{Tail(s.InstanceName)}");
                throw new InvalidOperationException(string.Join(Environment.NewLine, stopped));
            }
        }
        catch (OperationCanceledException)
        {
            var current = string.Join(", ", ResourceNotifications.Current.Select(s => $"{s.InstanceName}={s.State}/{s.Health} {s.Message}"));
            throw new TimeoutException($"{name} was not healthy within {timeout ?? DefaultTimeout}: {current}{Environment.NewLine}{Tail(name)}");
        }
    }

    /// <summary>An HttpClient whose base address is the resource's endpoint (first replica).</summary>
    public HttpClient CreateHttpClient(string resourceName, string endpointName = "http") =>
        new() { BaseAddress = new Uri(Application.Endpoints.Url(Find(resourceName), endpointName)) };

    public Task<string> GetConnectionStringAsync(string resourceName) =>
        Find(resourceName) is IResourceWithConnectionString resource
            ? Task.FromResult(resource.GetConnectionString(Application.Endpoints))
            : throw new InvalidOperationException($"Resource '{resourceName}' has no connection string.");

    /// <summary>Waits for spans of <paramref name="traceId"/> matching <paramref name="predicate"/> to arrive over OTLP.</summary>
    public Task<IReadOnlyList<ReceivedSpan>> WaitForSpansAsync(
        string traceId, Func<ReceivedSpan, bool> predicate, TimeSpan? timeout = null, int count = 1) =>
        Telemetry.WaitForSpansAsync(span => span.TraceId == traceId && predicate(span), timeout ?? DefaultTimeout, count);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Application.DisposeAsync();
        }
        finally
        {
            await _receiver.DisposeAsync();
            _dataDirectory.Delete(recursive: true);
        }
    }

    private Resource Find(string name) =>
        Application.Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"No resource named '{name}' in the model.");

    private string Tail(string instanceName)
    {
        var process = Application.Instances.FirstOrDefault(i => i.InstanceName == instanceName || i.Resource.Name == instanceName)?.Process;
        return process is null
            ? string.Empty
            : process.Tail();
    }
}
