using System.Diagnostics;

namespace TraceApp.Benchmarks.Processes;

/// <summary>A line a child wrote, with the time it arrived since the child was started.</summary>
internal readonly record struct OutputLine(TimeSpan At, string Text, bool IsError);

/// <summary>
/// A started program whose stdout and stderr lines are kept with their arrival time, and whose exit time is taken
/// when it is reaped (not when its output closes: a detached grandchild may keep a pipe open).
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock;
    private readonly Lock _lock = new();
    private readonly List<OutputLine> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<OutputLine> Found)> _waiters = [];
    private readonly TaskCompletionSource<TimeSpan> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, Stopwatch clock)
    {
        _process = process;
        _clock = clock;
    }

    public int Id => _process.Id;

    /// <summary>Time since the process was started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Completes with the time (since start) at which the process exited.</summary>
    public Task<TimeSpan> Exited => _exited.Task;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<OutputLine> Lines
    {
        get { lock (_lock) { return [.. _lines]; } }
    }

    /// <summary>
    /// Starts <paramref name="fileName"/>; with <paramref name="newSession"/> through util-linux <c>setsid</c> (which
    /// execs in place), so the process leads a group of its own that can be signalled as a terminal would.
    /// </summary>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        bool newSession = false)
    {
        var start = new ProcessStartInfo(newSession ? "setsid" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (newSession)
        {
            start.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var clock = Stopwatch.StartNew();
        var child = new ChildProcess(process, clock);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, isError: true);
        process.Exited += (_, _) => child._exited.TrySetResult(clock.Elapsed);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {fileName}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The first line (already written or still to come) that matches; fails when the process exits first or on timeout.</summary>
    public async Task<OutputLine> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what, CancellationToken ct)
    {
        var found = new TaskCompletionSource<OutputLine>(TaskCreationOptions.RunContinuationsAsynchronously);
        (Func<string, bool>, TaskCompletionSource<OutputLine>) waiter = (match, found);
        lock (_lock)
        {
            foreach (var line in _lines)
            {
                if (match(line.Text))
                {
                    return line;
                }
            }

            _waiters.Add(waiter);
        }

        try
        {
            var first = await Task.WhenAny(found.Task, Exited).WaitAsync(timeout, ct);
            if (first == found.Task)
            {
                return await found.Task;
            }

            await Task.Delay(200, ct); // let the last lines of output arrive for the report
            throw new InvalidOperationException(
                $"The process exited with code {ExitCode} before {what}. Last lines:{Environment.NewLine}{Tail()}");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No {what} within {timeout.TotalSeconds:F0} s. Last lines:{Environment.NewLine}{Tail()}");
        }
        finally
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits until the process has exited and all its output has been read; kills it on timeout.</summary>
    public async Task WaitForExitAndOutputAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            KillTree();
            throw new TimeoutException($"The process did not exit within {timeout.TotalSeconds:F0} s. Last lines:{Environment.NewLine}{Tail()}");
        }
    }

    /// <summary>The last <paramref name="count"/> lines of output, oldest first, for error reports.</summary>
    public string Tail(int count = 30) => string.Join(Environment.NewLine, Lines.TakeLast(count).Select(l => l.Text));

    /// <summary>Kills the process and the descendants it still has (not those that detached).</summary>
    public void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>SIGTERM, then the tree killed if it has not exited within <paramref name="grace"/>; then disposed.</summary>
    public async ValueTask StopAsync(TimeSpan grace)
    {
        if (!Exited.IsCompleted)
        {
            ProcessSignals.Send(Id, ProcessSignals.SigTerm);
            try
            {
                await Exited.WaitAsync(grace);
            }
            catch (TimeoutException)
            {
                KillTree();
            }
        }

        Dispose();
    }

    public void Dispose()
    {
        if (!Exited.IsCompleted)
        {
            KillTree();
        }

        _process.Dispose();
    }

    private void OnLine(string? text, bool isError)
    {
        if (text is null)
        {
            return;
        }

        var line = new OutputLine(_clock.Elapsed, text, isError);
        List<TaskCompletionSource<OutputLine>> completed = [];
        lock (_lock)
        {
            _lines.Add(line);
            foreach (var (match, found) in _waiters)
            {
                if (match(text))
                {
                    completed.Add(found);
                }
            }
        }

        foreach (var found in completed)
        {
            found.TrySetResult(line);
        }
    }
}
