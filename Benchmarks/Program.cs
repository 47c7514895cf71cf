using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using TraceApp.Benchmarks;

// dotnet run -c Release --project Benchmarks -- apphost          AppHost start/stop (plain harness)
// dotnet run -c Release --project Benchmarks -- nats             NATS publish and request/reply vs the npm client
// dotnet run -c Release --project Benchmarks -- grpc             gRPC unary calls vs a plain HTTP/2 POST
// dotnet run -c Release --project Benchmarks -- store            Dashboard telemetry store: ingest, memory, queries
// dotnet run -c Release --project Benchmarks -- otlp             Dashboard OTLP ingest rate (spans/s) into a counting sink
// dotnet run -c Release --project Benchmarks -- --filter '*'     BenchmarkDotNet micro-benchmarks
if (args is ["apphost", ..])
{
    await AppHostStartStopBenchmark.RunAsync();
    return;
}

if (args is ["nats", ..])
{
    await NatsBenchmark.RunAsync();
    return;
}

if (args is ["grpc", ..])
{
    await GrpcBenchmark.RunAsync();
    return;
}

if (args is ["store", ..])
{
    TelemetryStoreBenchmark.Run();
    return;
}

if (args is ["otlp", ..])
{
    await OtlpIngestBenchmark.RunAsync();
    return;
}

// In-process: the out-of-process toolchain expects the assembly to be named like the .csproj, and these are
// micro-benchmarks of library code that do not need process isolation.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(AppHostStartStopBenchmark).Assembly).Run(args, config);
