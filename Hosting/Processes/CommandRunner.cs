using System.Diagnostics;
using System.Globalization;

namespace TraceApp.Hosting.Processes;

/// <summary>Runs a short-lived command to completion; a non-zero exit code becomes an exception with its output.</summary>
internal static class CommandRunner
{
    public static async Task RunAsync(CommandLine command, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {command.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var printed = await output + await error;
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"{command} exited with code {process.ExitCode}:{Environment.NewLine}{printed}"));
        }
    }
}
