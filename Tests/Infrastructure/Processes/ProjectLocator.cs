using System.Reflection;

namespace TraceApp.Tests.Infrastructure.Processes;

/// <summary>
/// Finds the built program of a project in this repository: every project builds to
/// <c>artifacts/bin/&lt;Project&gt;/&lt;configuration&gt;/TraceApp.&lt;Project&gt;.dll</c> (see Directory.Build.props).
/// </summary>
public static class ProjectLocator
{
    private static readonly Assembly Self = typeof(ProjectLocator).Assembly;

    public static string RepositoryRoot { get; } = Metadata("TraceApp.RepositoryRoot");

    public static string Configuration { get; } = Metadata("TraceApp.Configuration");

    /// <summary>The built program of <paramref name="projectName"/>; its assembly is TraceApp.&lt;Project&gt; unless named otherwise.</summary>
    public static string GetProgramPath(string projectName, string? assemblyName = null)
    {
        var path = Path.Combine(
            RepositoryRoot, "artifacts", "bin", projectName, Configuration.ToLowerInvariant(),
            $"{assemblyName ?? "TraceApp." + projectName}.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"Project '{projectName}' is not built: {path} is missing. Build the solution (dotnet build) first.", path);
    }

    private static string Metadata(string key) =>
        Self.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; is Directory.Build.props imported?");
}
