namespace TraceApp.Worker.Operations;

/// <summary>A system file (such as /proc/meminfo) does not have the format its parser expects.</summary>
public sealed class NodeFileFormatException(string path, string problem, int? lineNumber = null)
    : FormatException(lineNumber is { } line ? $"{path} line {line}: {problem}" : $"{path}: {problem}")
{
    public string Path { get; } = path;

    public int? LineNumber { get; } = lineNumber;
}
