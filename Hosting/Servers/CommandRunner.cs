using System.Globalization;
using TraceApp.Hosting.Execution;

namespace TraceApp.Hosting.Servers;

/// <summary>Runs a short-lived command to completion; a non-zero exit code becomes an exception with its output.</summary>
internal static class CommandRunner
{
    private const int TailLines = 20;

    public static async Task RunAsync(ProcessSpec spec, CancellationToken ct)
    {
        await using var process = ManagedProcess.Start(spec);
        int exitCode;
        try
        {
            exitCode = await process.Exited.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        if (exitCode != 0)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{spec.Name} ({spec.FileName} {string.Join(' ', spec.Arguments)}) exited with code {exitCode}. Last lines of output:{Environment.NewLine}{process.Tail(TailLines)}"));
        }
    }
}
