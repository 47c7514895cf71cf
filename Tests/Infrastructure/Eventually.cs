namespace TraceApp.Tests.Infrastructure;

/// <summary>Waits for a condition that nothing signals (process gone, client state, a row in a database), checking it up to a deadline.</summary>
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

    /// <summary>
    /// Checks an asynchronous condition (a query, a request) every 100 ms; an exception <paramref name="isTransient"/>
    /// accepts (e.g. tables not created yet) counts as "not yet" and is attached to the timeout.
    /// </summary>
    public static async Task WaitUntilAsync(
        Func<Task<bool>> condition, TimeSpan timeout, string what, Func<Exception, bool>? isTransient = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        Exception? last = null;
        try
        {
            while (true)
            {
                try
                {
                    if (await condition())
                    {
                        return;
                    }
                }
                catch (Exception exception) when (isTransient?.Invoke(exception) == true)
                {
                    last = exception;
                }

                await poll.WaitForNextTickAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Timed out after {timeout} waiting for {what}.", last);
        }
    }
}
