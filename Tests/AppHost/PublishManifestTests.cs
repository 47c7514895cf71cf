using System.Collections;
using System.Text.Json;
using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.AppHost;

/// <summary>
/// The Aspire manifest the AppHost writes in publish mode (<c>--publisher manifest --output-path FILE</c>, what
/// <c>dotnet run --project AppHost -- …</c> passes to the same program): nats and postgres are containers a
/// deployment can run anywhere, the database is a value of postgres, and the projects get their connection strings
/// as references — nothing points at this machine's binaries or folders.
/// </summary>
public sealed class PublishManifestTests(PublishManifestTests.Manifest manifest) : IClassFixture<PublishManifestTests.Manifest>
{
    [Fact]
    public void NatsIsAContainerWithJetStream()
    {
        var nats = manifest.Resource("nats");
        Assert.Equal("container.v0", Text(nats, "type"));
        Assert.Equal("nats", ImageName(Text(nats, "image")));
        Assert.Contains("-js", Strings(nats, "args"));
        Assert.StartsWith("nats://", Text(nats, "connectionString"), StringComparison.Ordinal);
        Assert.Contains("{nats.bindings.", Text(nats, "connectionString"), StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresIsAContainerWithTraceappAsItsDatabase()
    {
        var postgres = manifest.Resource("postgres");
        Assert.Equal("container.v0", Text(postgres, "type"));
        Assert.Equal("postgres", ImageName(Text(postgres, "image")));
        Assert.Contains("{postgres.bindings.tcp.host}", Text(postgres, "connectionString"), StringComparison.Ordinal);
        Assert.Contains("{postgres.bindings.tcp.port}", Text(postgres, "connectionString"), StringComparison.Ordinal);

        var database = manifest.Resource("traceapp");
        Assert.Equal("value.v0", Text(database, "type"));
        Assert.Contains("{postgres.connectionString}", Text(database, "connectionString"), StringComparison.Ordinal);
        Assert.Contains("Database=traceapp", Text(database, "connectionString"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api", "Api/Api.csproj", new[] { "nats", "traceapp" })]
    [InlineData("worker", "Worker/Worker.csproj", new[] { "nats", "traceapp" })]
    [InlineData("workflowserver", "WorkflowServer/WorkflowServer.csproj", new[] { "traceapp" })]
    public void ProjectGetsItsConnectionStringsAsReferences(string name, string project, string[] connections)
    {
        var resource = manifest.Resource(name);
        Assert.Equal("project.v0", Text(resource, "type"));
        Assert.EndsWith(project, Text(resource, "path"), StringComparison.Ordinal);
        var environment = resource.GetProperty("env");
        foreach (var connection in connections)
        {
            Assert.Equal($"{{{connection}.connectionString}}", Text(environment, $"ConnectionStrings__{connection}"));
        }
    }

    [Fact]
    public void NothingPointsAtThisMachine()
    {
        var executables = manifest.Resources.Where(r => Text(r.Value, "type") == "executable.v0").Select(r => r.Key).ToList();
        Assert.True(executables.Count == 0, $"Local executables in the manifest: {string.Join(", ", executables)}");
        Assert.DoesNotContain(manifest.DataDirectory, manifest.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("/usr/sbin/nats-server", manifest.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("/usr/lib/postgresql", manifest.Json, StringComparison.Ordinal);
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new Xunit.Sdk.XunitException($"No string '{property}' in {element}");

    private static IReadOnlyList<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.ToString())]
            : [];

    /// <summary><c>docker.io/library/nats:2.11</c> → <c>nats</c>.</summary>
    private static string ImageName(string image)
    {
        var name = image[(image.LastIndexOf('/') + 1)..];
        return name.Split(':', '@')[0];
    }

    /// <summary>The manifest, written once for the class by the built AppHost in publish mode.</summary>
    public sealed class Manifest : IAsyncLifetime
    {
        private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("traceapp-manifest-");

        public string Json { get; private set; } = "";

        public string DataDirectory => Path.Combine(_directory.FullName, "data");

        public IReadOnlyDictionary<string, JsonElement> Resources { get; private set; } = new Dictionary<string, JsonElement>();

        public JsonElement Resource(string name) =>
            Resources.TryGetValue(name, out var resource)
                ? resource
                : throw new Xunit.Sdk.XunitException($"No resource '{name}' in the manifest; it has {string.Join(", ", Resources.Keys)}.");

        public async Task InitializeAsync()
        {
            var path = Path.Combine(_directory.FullName, "aspire-manifest.json");
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            {
                var name = (string)variable.Key;
                if (name.StartsWith("OTEL_", StringComparison.Ordinal) || name.StartsWith("TRACEAPP_", StringComparison.Ordinal))
                {
                    environment[name] = null;
                }
            }

            var spec = ProcessSpec.ForProgram(
                "apphost-publish",
                ProjectLocator.GetProgramPath("AppHost"),
                environment,
                "--publisher", "manifest", "--output-path", path, $"--TraceApp:DataDirectory={DataDirectory}");
            await using var process = ManagedProcess.Start(spec);
            var exitCode = await process.Exited.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(exitCode == 0, $"The AppHost's publish run exited with {exitCode}:{Environment.NewLine}{process.Tail(40)}");

            Json = await File.ReadAllTextAsync(path);
            using var document = JsonDocument.Parse(Json);
            Resources = document.RootElement.GetProperty("resources").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        }

        public Task DisposeAsync()
        {
            _directory.Delete(recursive: true);
            return Task.CompletedTask;
        }
    }
}
