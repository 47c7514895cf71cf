namespace TraceApp.Tests.Workflows.Sdk;

/// <summary>
/// One test's task queue and the files its WorkflowTestWorker workflows use: <see cref="StepLog"/> gets a line
/// "&lt;run id&gt;:&lt;step&gt;" every time a step body really runs; <see cref="Gate"/> releases a blocked step once it exists.
/// </summary>
public sealed record TestQueue(string Name, string FilePrefix)
{
    public string StepLog => FilePrefix + ".log";

    public string Gate => FilePrefix + ".gate";

    public void OpenGate() => File.WriteAllText(Gate, "open");

    /// <summary>How many times the step body <paramref name="what"/> ran for <paramref name="runId"/>.</summary>
    public int Count(string runId, string what) =>
        File.Exists(StepLog) ? File.ReadAllLines(StepLog).Count(l => l == $"{runId}:{what}") : 0;
}
