using System.CommandLine;
using System.Text.Json;
using TraceApp.Cli.Http;
using TraceApp.Cli.Output;

namespace TraceApp.Cli.Commands.Client;

/// <summary><c>traceapp client job add|get|list|status|delete|retry|run</c> over the API's <c>/job</c> endpoints.</summary>
public static class JobCommands
{
    public static readonly TimeSpan DefaultRunTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static Command Create(CliRuntime runtime) => new("job", "Submit jobs and follow them; they are stored by the API and run by workers.")
    {
        Add(runtime),
        Get(runtime),
        List(runtime),
        Status(runtime),
        Delete(runtime),
        Retry(runtime),
        Run(runtime),
    };

    private static Argument<string> OperationArgument() =>
        new("operation") { Description = "The operation, e.g. node.hostname, node.status, network.ping, network.dns." };

    private static Option<string[]> ParamOption()
    {
        var option = new Option<string[]>("--param", "-p")
        {
            Description = "A parameter as key=value (repeatable); JSON values (numbers, true/false) are kept as such.",
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(JobParameters.Validate);
        return option;
    }

    private static Argument<Guid> IdArgument() => new("id") { Description = "The job's id." };

    private static Command Add(CliRuntime runtime)
    {
        var operation = OperationArgument();
        var parameters = ParamOption();
        var command = new Command("add", "Submit a job (to --target) and print its id; it runs in the background.") { operation, parameters };
        runtime.SetAction(command, async (session, cancellationToken) =>
        {
            var accepted = await SubmitAsync(session, session.Parse.GetValue(operation)!, session.Parse.GetValue(parameters), cancellationToken);
            session.Write(accepted, a => [JobText.Text(a, "id")!]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get(CliRuntime runtime)
    {
        var id = IdArgument();
        var command = new Command("get", "Show a job: status, events, results per worker.") { id };
        runtime.SetAction(command, async (session, cancellationToken) =>
        {
            session.Write(await session.Api.GetAsync($"/job/{session.Parse.GetValue(id)}", cancellationToken), JobText.Details);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliRuntime runtime)
    {
        var status = new Option<string?>("--status") { Description = "Only jobs in this state (pending, acknowledged, running, completed, failed)." };
        var operation = new Option<string?>("--operation") { Description = "Only jobs of this operation." };
        var pageSize = new Option<int?>("--page-size") { Description = "Jobs per page (the API's default is 50)." };
        var pageToken = new Option<string?>("--page-token") { Description = "Continue after the page that printed this token." };
        var command = new Command("list", "List jobs, newest first.") { status, operation, pageSize, pageToken };
        runtime.SetAction(command, async (session, cancellationToken) =>
        {
            var path = QueryPath.With(
                "/job",
                ("status", session.Parse.GetValue(status)),
                ("operation", session.Parse.GetValue(operation)),
                ("pageSize", session.Parse.GetValue(pageSize)),
                ("pageToken", session.Parse.GetValue(pageToken)));
            session.Write(await session.Api.GetAsync(path, cancellationToken), JobText.List);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status(CliRuntime runtime)
    {
        var command = new Command("status", "How many jobs are in each state.");
        runtime.SetAction(command, async (session, cancellationToken) =>
        {
            session.Write(await session.Api.GetAsync("/job/status", cancellationToken), JobText.Counts);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(CliRuntime runtime)
    {
        var id = IdArgument();
        var command = new Command("delete", "Delete a job that is pending or finished.") { id };
        runtime.SetAction(command, async (session, cancellationToken) =>
        {
            var jobId = session.Parse.GetValue(id);
            var answer = await session.Api.DeleteAsync($"/job/{jobId}", cancellationToken);
            session.Write(answer, _ => [$"deleted {jobId}"]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Retry(CliRuntime runtime)
    {
        var id = IdArgument();
        var command = new Command("retry", "Run a job again as a new job (printed); the old one gets a 'retried' event.") { id };
        runtime.SetAction(command, async (session, cancellationToken) =>
        {
            var accepted = await session.Api.PostAsync($"/job/{session.Parse.GetValue(id)}/retry", null, cancellationToken);
            session.Write(accepted, a => [JobText.Text(a, "id")!]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Run(CliRuntime runtime)
    {
        var operation = OperationArgument();
        var parameters = ParamOption();
        var timeout = new Option<TimeSpan>("--wait")
        {
            Description = $"How long to wait for the job to finish (default {DefaultRunTimeout.TotalSeconds:0}s; e.g. 90s, 2m): exit 5 when it expires.",
            DefaultValueFactory = _ => DefaultRunTimeout,
            CustomParser = result => Durations.Parse(result),
        };
        var command = new Command("run", "Submit a job and wait for it to finish, then print its results (a spinner on a terminal).") { operation, parameters, timeout };
        runtime.SetAction(command, async (session, cancellationToken) =>
        {
            var accepted = await SubmitAsync(session, session.Parse.GetValue(operation)!, session.Parse.GetValue(parameters), cancellationToken);
            var id = JobText.Text(accepted, "id")!;
            var job = await WaitAsync(session, id, session.Parse.GetValue(timeout), cancellationToken);
            return JobOutcome.Print(session, job);
        });
        return command;
    }

    private static Task<JsonElement> SubmitAsync(CommandSession session, string operation, string[]? parameters, CancellationToken cancellationToken) =>
        session.Api.PostAsync(
            "/job",
            new { operation, target = session.Settings.Target, @params = JobParameters.Parse(parameters) },
            cancellationToken);

    /// <summary>Polls <c>GET /job/{id}</c> until the job completed or failed; a <see cref="CliException"/> (exit 5) after <paramref name="timeout"/>.</summary>
    private static async Task<JsonElement> WaitAsync(CommandSession session, string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var spinner = new Spinner($"job {id}: pending");
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var job = await session.Api.GetAsync($"/job/{id}", cancellationToken);
            var status = JobText.Text(job, "status");
            if (status is "completed" or "failed")
            {
                return job;
            }

            spinner.Text = $"job {id}: {status}";
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new CliException(ExitCodes.Timeout, $"job {id} is still {status} after {timeout.TotalSeconds:0} s (see: traceapp client job get {id}).");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
