using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.Infrastructure;

/// <summary>Runs a script of Tests/Interop with Node.js: clients we did not write (npm packages installed by scripts/test.sh).</summary>
public static class NodeScript
{
    public static string Directory { get; } = Path.Combine(ProjectLocator.RepositoryRoot, "Tests", "Interop");

    public static ManagedProcess Start(string script, params string[] args)
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")))
        {
            throw new InvalidOperationException($"npm packages are missing in {Directory}: run scripts/test.sh (it runs npm ci there).");
        }

        return ManagedProcess.Start(new ProcessSpec("node", "node", [script, .. args], new Dictionary<string, string?>(), Directory));
    }
}
