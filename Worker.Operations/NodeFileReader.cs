namespace TraceApp.Worker.Operations;

/// <summary>Reads the real files of the machine the Worker runs on.</summary>
public sealed class NodeFileReader : INodeFileReader
{
    public Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken) =>
        File.ReadAllTextAsync(path, cancellationToken);
}
