using TraceApp.Worker.Operations;

namespace TraceApp.Tests.Worker;

/// <summary>System files with fixed text; a path without text is missing, as on a machine without that file.</summary>
internal sealed class FixedNodeFiles(Dictionary<string, string> files) : INodeFileReader
{
    public Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken) =>
        files.TryGetValue(path, out var text)
            ? Task.FromResult(text)
            : Task.FromException<string>(new FileNotFoundException($"No fixed text for {path}.", path));
}
