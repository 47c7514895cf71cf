using System.Runtime.InteropServices;
using TraceApp.Hosting.ApplicationModel;
using TraceApp.Hosting.Execution;

namespace TraceApp.Hosting;

/// <summary>
/// Runs the model: starts every project as a child process in declaration order, echoes their output prefixed with
/// the resource name, and on Ctrl+C/SIGTERM (or when a child exits unexpectedly) stops them in reverse order.
/// </summary>
public sealed class DistributedApplication(IReadOnlyList<ProjectResource> projects)
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args);

    public void Run() => RunAsync().GetAwaiter().GetResult();

    public async Task RunAsync()
    {
        using var stopping = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopping.Cancel();
        });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stopping.Cancel();
        });

        var running = new List<ManagedProcess>();
        try
        {
            foreach (var project in projects)
            {
                var instanceId = $"{project.Name}-{Guid.NewGuid().ToString("N")[..8]}";
                var spec = ProcessSpec.ForProgram(
                    project.Name, ProjectLocator.GetProgramPath(project.ProjectName), ProjectEnvironment.For(project, instanceId));
                running.Add(ManagedProcess.Start(spec, Echo));
                var endpoints = string.Join(", ", project.Endpoints.Select(e => $"{e.Name} {e.Url}"));
                Console.WriteLine($"started {project.Name} ({instanceId}){(endpoints.Length > 0 ? ": " + endpoints : "")}");
            }

            Console.WriteLine("All resources started. Press Ctrl+C to stop.");
            var firstExit = Task.WhenAny(running.Select(p => p.Exited));
            var stopped = Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            if (await Task.WhenAny(firstExit, stopped) == firstExit)
            {
                var exited = running.First(p => p.HasExited);
                var tail = string.Join(Environment.NewLine, exited.StandardError.Lines.Concat(exited.StandardOutput.Lines).TakeLast(20));
                Console.Error.WriteLine($"{exited.Spec.Name} exited unexpectedly with code {await exited.Exited}. Last output:{Environment.NewLine}{tail}");
                Environment.ExitCode = 1;
            }
        }
        finally
        {
            Console.WriteLine("Stopping...");
            for (var i = running.Count - 1; i >= 0; i--)
            {
                await running[i].StopAsync(StopGrace);
                Console.WriteLine($"stopped {running[i].Spec.Name} (exit code {await running[i].Exited})");
            }
        }
    }

    private static void Echo(string name, string line, bool isError) =>
        (isError ? Console.Error : Console.Out).WriteLine($"{name,-15}| {line}");
}
