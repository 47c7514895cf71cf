using System.Reflection;

namespace TraceApp.Benchmarks;

/// <summary>The repository this program was built from (Directory.Build.props stamps it into every assembly).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TraceApp.RepositoryRoot")?.Value
        ?? throw new InvalidOperationException("Assembly metadata 'TraceApp.RepositoryRoot' is missing; is Directory.Build.props imported?");
}
