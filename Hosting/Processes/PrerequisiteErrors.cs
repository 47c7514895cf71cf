namespace TraceApp.Hosting.Processes;

/// <summary>
/// Turns a <see cref="MissingPrerequisiteException"/> that escapes the AppHost's Program.cs into its one-line
/// message on stderr and exit code 1, instead of a stack trace: a missing Debian package is the user's to install,
/// not a crash to debug.
/// </summary>
public static class PrerequisiteErrors
{
    public const int ExitCode = 1;

    public static void ReportInsteadOfCrashing() =>
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is MissingPrerequisiteException missing)
            {
                Console.Error.WriteLine($"error: {missing.Message}");
                Environment.Exit(ExitCode);
            }
        };
}
