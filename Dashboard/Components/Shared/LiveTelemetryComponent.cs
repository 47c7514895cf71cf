using Microsoft.AspNetCore.Components;
using TraceApp.Dashboard.Storage;

namespace TraceApp.Dashboard.Components.Shared;

/// <summary>
/// A page that shows the telemetry store and follows it: <see cref="Query"/> runs when the parameters change and
/// again whenever the store's <see cref="TelemetryStore.Version"/> moves past the one last queried, at most twice a
/// second, until the page is disposed. While <see cref="IsPaused"/> the page keeps what it shows.
/// </summary>
public abstract class LiveTelemetryComponent : ComponentBase, IDisposable
{
    // Under a steady stream of exports the store changes hundreds of times a second; re-rendering that often
    // would cost the circuit more than anyone can read.
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _disposed = new();
    private long _queriedVersion;

    [Inject]
    protected TelemetryStore Store { get; set; } = null!;

    protected bool IsPaused { get; private set; }

    /// <summary>True while paused when the store has changed since the page last queried it.</summary>
    protected bool HasNewTelemetry => Store.Version > _queriedVersion;

    /// <summary>Reads what the page shows from the store (and its parameters).</summary>
    protected abstract void Query();

    protected override void OnParametersSet() => Requery();

    protected override void OnAfterRender(bool firstRender)
    {
        // Only the interactive render gets here; the prerendered instance never starts following the store.
        if (firstRender)
        {
            _ = FollowStoreAsync(_disposed.Token);
        }
    }

    protected void SetPaused(bool paused)
    {
        IsPaused = paused;
        if (!paused)
        {
            Requery();
        }
    }

    private void Requery()
    {
        // Read before querying: a change that lands during the query is then caught by the next wait.
        _queriedVersion = Store.Version;
        Query();
    }

    private async Task FollowStoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Store.WaitForChangeAsync(_queriedVersion, cancellationToken);
                await InvokeAsync(() =>
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return;
                    }

                    if (!IsPaused)
                    {
                        Requery();
                    }

                    StateHasChanged();
                });

                // Waiting here, and not before the query, shows the first change at once and coalesces the rest.
                await Task.Delay(MinimumRefreshInterval, cancellationToken);
                while (IsPaused && HasNewTelemetry)
                {
                    // Nothing to wait for until resumed: WaitForChangeAsync would return at once.
                    await Task.Delay(MinimumRefreshInterval, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            await DispatchExceptionAsync(exception);
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
