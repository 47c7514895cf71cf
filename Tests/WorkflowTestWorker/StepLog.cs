namespace TraceApp.WorkflowTestWorker;

/// <summary>
/// A file the workflows append one line to per executed step body ("&lt;run id&gt;:&lt;what&gt;"), so a test can count
/// how often each step really ran across executions and worker processes.
/// </summary>
public record StepLog(string File)
{
    private static readonly Lock Gate = new();

    public void Append(string runId, string what)
    {
        lock (Gate)
        {
            System.IO.File.AppendAllText(File, $"{runId}:{what}\n");
        }
    }

    public int Count(string runId, string what)
    {
        lock (Gate)
        {
            return System.IO.File.Exists(File) ? System.IO.File.ReadLines(File).Count(l => l == $"{runId}:{what}") : 0;
        }
    }
}
