namespace TraceApp.Worker.Operations;

/// <summary>Reads the node's system files; tests hand operations fixed text through it.</summary>
public interface INodeFileReader
{
    Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken);
}
