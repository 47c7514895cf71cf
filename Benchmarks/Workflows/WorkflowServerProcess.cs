using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using TraceApp.Benchmarks.Processes;
using TraceApp.Grpc.Client;

namespace TraceApp.Benchmarks.Workflows;

/// <summary>
/// The Release WorkflowServer (built first with <c>dotnet build WorkflowServer -c Release</c>) as a child process on
/// free ports of 127.0.0.1, on the benchmark's PostgreSQL; ready once its gRPC health check answers SERVING.
/// Tracing as <see cref="WorkflowsBenchmarkOptions"/> say; logs at Warning so the console stays quiet.
/// </summary>
internal sealed class WorkflowServerProcess : IAsyncDisposable
{
    private const string Configuration = "Release";

    private readonly ChildProcess _process;

    private WorkflowServerProcess(ChildProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task BuildAsync(CancellationToken ct)
    {
        Console.WriteLine($"Building WorkflowServer: dotnet build WorkflowServer -c {Configuration}");
        var clock = Stopwatch.StartNew();
        using var build = ChildProcess.Start("dotnet", ["build", "WorkflowServer", "-c", Configuration, "-nologo", "-v", "q"], RepositoryPaths.Root);
        await build.WaitForExitAndOutputAsync(TimeSpan.FromMinutes(20)).WaitAsync(ct);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build WorkflowServer -c {Configuration} failed ({build.ExitCode}):{Environment.NewLine}{build.Tail(40)}");
        }

        Console.WriteLine($"Built in {clock.Elapsed.TotalSeconds:F0} s.");
    }

    public static async Task<WorkflowServerProcess> StartAsync(
        string connectionString, WorkflowsBenchmarkOptions options, GrpcChannels channels, CancellationToken ct)
    {
        // Run from its folder: the content root holds appsettings.json (the Grpc endpoint is HTTP/2 only there).
        var program = Path.Combine(RepositoryPaths.Root, "artifacts", "bin", "WorkflowServer", Configuration.ToLowerInvariant(), "TraceApp.WorkflowServer.dll");
        var address = new Uri($"http://127.0.0.1:{LoopbackPort.Next()}");
        var environment = new Dictionary<string, string?>(options.TelemetryEnvironment)
        {
            ["Kestrel__Endpoints__Grpc__Url"] = address.ToString(),
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{LoopbackPort.Next()}",
            ["ConnectionStrings__traceapp"] = connectionString,
            ["Logging__LogLevel__Default"] = "Warning",
            ["OTEL_SERVICE_NAME"] = "workflowserver",
        };
        var server = new WorkflowServerProcess(ChildProcess.Start("dotnet", [program], Path.GetDirectoryName(program), environment), address);
        try
        {
            var health = channels.CreateClient(address, i => new Health.HealthClient(i));
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                if (server._process.Exited.IsCompleted)
                {
                    throw new InvalidOperationException($"WorkflowServer exited with code {server._process.ExitCode}:{Environment.NewLine}{server._process.Tail()}");
                }

                try
                {
                    if ((await health.CheckAsync(new HealthCheckRequest(), cancellationToken: ct)).Status == HealthCheckResponse.Types.ServingStatus.Serving)
                    {
                        return server;
                    }
                }
                catch (RpcException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
                {
                    // Not listening yet.
                }

                if (deadline.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new TimeoutException($"WorkflowServer did not serve within 60 s:{Environment.NewLine}{server._process.Tail()}");
                }

                await Task.Delay(100, ct);
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.StopAsync(TimeSpan.FromSeconds(20));
}
