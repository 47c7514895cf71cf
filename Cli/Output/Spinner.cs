namespace TraceApp.Cli.Output;

/// <summary>A spinner with a status text on stderr while waiting; nothing at all when stderr is not a terminal.</summary>
public sealed class Spinner : IAsyncDisposable
{
    private static readonly char[] Frames = ['|', '/', '-', '\\'];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _spinning = Task.CompletedTask;
    private volatile string _text;

    public Spinner(string text)
    {
        _text = text;
        if (!Console.IsErrorRedirected)
        {
            _spinning = SpinAsync();
        }
    }

    public string Text { set => _text = value; }

    private async Task SpinAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var frame = 0;
        try
        {
            do
            {
                Console.Error.Write($"\r{Frames[frame++ % Frames.Length]} {_text}\u001b[K");
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }

        Console.Error.Write("\r\u001b[K");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _spinning;
        _stop.Dispose();
    }
}
