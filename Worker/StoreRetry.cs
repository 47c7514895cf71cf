using TraceApp.Jobs.Store;

namespace TraceApp.Worker;

/// <summary>
/// Retries a store call the worker must not drop while the database is unreachable (e.g. restarting): a job's
/// start or its result. Dropping the result of a job that ran would leave it held by a live worker — never taken
/// over, never finished. Retries with backoff up to <see cref="MaxDelay"/> until it succeeds or the worker stops.
/// </summary>
internal static class StoreRetry
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    public static async Task<T> WhileUnavailableAsync<T>(Func<CancellationToken, Task<T>> call, Action<string> onRetry, CancellationToken cancellationToken)
    {
        for (var delay = FirstDelay; ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks)))
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (Exception exception) when (StoreUnavailable.Is(exception) && !cancellationToken.IsCancellationRequested)
            {
                onRetry(exception.Message.ReplaceLineEndings(" "));
                await Task.Delay(delay, cancellationToken);
            }
        }
    }
}
