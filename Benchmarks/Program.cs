using BenchmarkDotNet.Running;

// dotnet run -c Release --project Benchmarks -- --filter '*'   (results go to docs/benchmarks.md by hand)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
