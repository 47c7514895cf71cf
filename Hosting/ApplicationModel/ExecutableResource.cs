namespace TraceApp.Hosting.ApplicationModel;

/// <summary>Any program on PATH (or an absolute path) with arguments.</summary>
public sealed class ExecutableResource(string name, string command, IReadOnlyList<string> arguments, string? workingDirectory)
    : Resource(name)
{
    public string Command { get; } = command;

    public IReadOnlyList<string> Arguments { get; } = arguments;

    public string? WorkingDirectory { get; } = workingDirectory;
}
