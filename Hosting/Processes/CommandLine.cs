namespace TraceApp.Hosting.Processes;

/// <summary>A program and its arguments, passed as an argument list (never through a shell).</summary>
public sealed record CommandLine(string FileName, IReadOnlyList<string> Arguments)
{
    public override string ToString() => string.Join(' ', [FileName, .. Arguments]);
}
