namespace TraceApp.Tests.Infrastructure;

/// <summary>Waits for a condition that nothing signals (process gone, client state), checking it every 50 ms up to a deadline.</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (!condition())
            {
                await poll.WaitForNextTickAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
        }
    }
}
