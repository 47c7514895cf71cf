namespace TraceApp.Hosting.Execution;

/// <summary>What to start: program, arguments, environment overrides (null removes a variable) and directory.</summary>
public sealed record ProcessSpec(
    string Name,
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?> Environment,
    string? WorkingDirectory = null)
{
    /// <summary>A built .NET program run as <c>dotnet &lt;dll&gt;</c> from its output folder (so appsettings.json is found).</summary>
    public static ProcessSpec ForProgram(
        string name, string programPath, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        new(name, "dotnet", [programPath, .. arguments], environment, Path.GetDirectoryName(programPath));
}
