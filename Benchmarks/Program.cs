using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using TraceApp.Benchmarks;
using TraceApp.Benchmarks.AppHost;
using TraceApp.Benchmarks.Jobs;
using TraceApp.Benchmarks.Workflows;

// dotnet run -c Release --project Benchmarks -- apphost         AppHost start/stop and memory, median of 5 (plain harness;
//     [--configuration Debug|Release] [--runs N] [--verbose]        takes /tmp/traceapp-apphost.lock; builds the AppHost first)
// dotnet run -c Release --project Benchmarks -- nats [--quick]    NATS publish and request/reply vs the npm client
// dotnet run -c Release --project Benchmarks -- grpc              gRPC unary calls vs a plain HTTP/2 POST
// dotnet run -c Release --project Benchmarks -- jobs [--requests N] a synchronous job through the AppHost (Release),
//     tracing on vs off, with NATS request/reply and PostgreSQL SELECT 1 as floors (takes /tmp/traceapp-apphost.lock)
// dotnet run -c Release --project Benchmarks -- workflows [--runs N] [--wakeups N] [--workers 1,4] [--concurrency N]
//     [--tracing on|off] [--otlp URL] [--ephemeral-postgres]   issue 12: wake-up latency and 3-step workflows/s on its
//     own PostgreSQL and a Release WorkflowServer, worker runtimes in-process
// dotnet run -c Release --project Benchmarks -- --filter '*'      BenchmarkDotNet micro-benchmarks
if (args is ["apphost", .. var appHostOptions])
{
    return await AppHostStartStopBenchmark.RunAsync(appHostOptions);
}

if (args is ["nats", .. var natsOptions])
{
    await NatsBenchmark.RunAsync(quick: natsOptions.Contains("--quick"));
    return 0;
}

if (args is ["jobs", .. var jobsOptions])
{
    return await JobsBenchmark.RunAsync(jobsOptions);
}

if (args is ["workflows", .. var workflowsOptions])
{
    return await WorkflowsBenchmark.RunAsync(workflowsOptions);
}

if (args is ["grpc", ..])
{
    await GrpcBenchmark.RunAsync();
    return 0;
}

// In-process: the out-of-process toolchain expects the assembly to be named like the .csproj, and these are
// micro-benchmarks of library code that do not need process isolation.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(AppHostStartStopBenchmark).Assembly).Run(args, config);
return 0;
