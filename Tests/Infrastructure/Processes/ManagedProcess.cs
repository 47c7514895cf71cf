using System.Diagnostics;

namespace TraceApp.Tests.Infrastructure.Processes;

/// <summary>
/// A child process whose stdout and stderr are captured line by line, and which is stopped gracefully
/// (SIGTERM, then SIGKILL of the whole tree after a grace period).
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<int> _exited;

    private ManagedProcess(ProcessSpec spec, Process process, Action<string, string, bool>? echo)
    {
        Spec = spec;
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, StandardOutput, isError: false);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, StandardError, isError: true);
        _exited = WaitForExitCoreAsync();

        void OnLine(string? line, OutputLog log, bool isError)
        {
            if (line is null)
            {
                return;
            }

            log.Append(line);
            Output.Append(line);
            echo?.Invoke(spec.Name, line, isError);
        }
    }

    public ProcessSpec Spec { get; }

    public int Id => _process.Id;

    public OutputLog StandardOutput { get; } = new();

    public OutputLog StandardError { get; } = new();

    /// <summary>stdout and stderr together, in the order the lines arrived.</summary>
    public OutputLog Output { get; } = new();

    /// <summary>The last <paramref name="lines"/> lines of output, oldest first, for error reports.</summary>
    public string Tail(int lines = 20) => string.Join(Environment.NewLine, Output.Lines.TakeLast(lines));

    /// <summary>Completes with the exit code when the process has exited and its output has been read.</summary>
    public Task<int> Exited => _exited;

    public bool HasExited => _exited.IsCompleted;

    /// <summary>Starts the process; <paramref name="echo"/> gets (name, line, isError) for every output line.</summary>
    public static ManagedProcess Start(ProcessSpec spec, Action<string, string, bool>? echo = null)
    {
        var startInfo = new ProcessStartInfo(spec.OwnProcessGroup ? "setsid" : spec.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        if (spec.OwnProcessGroup)
        {
            startInfo.ArgumentList.Add(spec.FileName);
        }

        foreach (var argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in spec.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(key);
            }
            else
            {
                startInfo.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {spec.Name} ({spec.FileName}).");
        }

        var managed = new ManagedProcess(spec, process, echo);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>
    /// Sends the spec's stop signal (to the whole group when it has one) and waits up to <paramref name="grace"/>;
    /// then kills the process tree.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!HasExited)
        {
            Signal(Spec.StopSignal);
            try
            {
                return await _exited.WaitAsync(grace);
            }
            catch (TimeoutException)
            {
                Kill();
            }
        }

        return await _exited;
    }

    public void Kill()
    {
        if (Spec.OwnProcessGroup)
        {
            ProcessSignals.SignalGroup(_process.Id, ProcessSignals.SigKill);
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private void Signal(int signal)
    {
        if (!Spec.OwnProcessGroup || !ProcessSignals.SignalGroup(_process.Id, signal))
        {
            ProcessSignals.Send(_process.Id, signal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private async Task<int> WaitForExitCoreAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }
}
