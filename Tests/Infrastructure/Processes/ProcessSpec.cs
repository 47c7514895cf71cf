namespace TraceApp.Tests.Infrastructure.Processes;

/// <summary>What to start: program, arguments, environment overrides (null removes a variable) and directory.</summary>
public sealed record ProcessSpec(
    string Name,
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?> Environment,
    string? WorkingDirectory = null)
{
    /// <summary>
    /// Start as the leader of a new session and process group (through util-linux <c>setsid</c>, which execs in
    /// place), so stopping signals the whole tree and the orphan watchdog can kill it by group id.
    /// </summary>
    public bool OwnProcessGroup { get; init; }

    /// <summary>The signal that asks this program to stop gracefully (PostgreSQL: SIGINT, "fast shutdown").</summary>
    public int StopSignal { get; init; } = 15;

    /// <summary>A built .NET program run as <c>dotnet &lt;dll&gt;</c> from its output folder (so appsettings.json is found).</summary>
    public static ProcessSpec ForProgram(
        string name, string programPath, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        new(name, "dotnet", [programPath, .. arguments], environment, Path.GetDirectoryName(programPath));
}
