using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.Json.Nodes;
using TraceApp.Cli.Http;
using TraceApp.Cli.Output;

namespace TraceApp.Cli.Commands.Workflow;

/// <summary>
/// <c>traceapp workflow start|get|list|cancel|retry</c> over the API's <c>/workflows</c> endpoints: durable workflow
/// runs kept by the workflow server and executed by workers, one trace from the start to the last step.
/// </summary>
public static class WorkflowCommands
{
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(120);

    public static Command Create(CliRuntime runtime) => new(
        "workflow",
        "Start durable workflows (e.g. node-report, flaky) and follow them: runs survive worker crashes and restarts, failed steps are retried.")
    {
        Start(runtime),
        Get(runtime),
        List(runtime),
        Cancel(runtime),
        Retry(runtime),
    };

    private static Argument<string> RunIdArgument() => new("run-id") { Description = "The run's id (printed by workflow start)." };

    private static Option<bool> WaitOption() => new("--wait")
    {
        Description = "Wait until the run completed, failed or was cancelled, then print it (exit 1 unless it completed).",
    };

    private static Option<TimeSpan> TimeoutOption() => new("--timeout")
    {
        Description = $"With --wait: how long to wait (default {DefaultWaitTimeout.TotalSeconds:0}s; e.g. 90s, 5m): exit 5 when it expires, the run goes on.",
        DefaultValueFactory = _ => DefaultWaitTimeout,
        CustomParser = result => Durations.Parse(result),
    };

    private static Command Start(CliRuntime runtime)
    {
        var type = new Argument<string>("type") { Description = "The workflow type, e.g. node-report or flaky." };
        var input = new Option<string?>("--input", "-i") { Description = "The run's input as JSON, e.g. '{\"failures\":1}'." };
        input.Validators.Add(ValidateJson);
        var externalId = new Option<string?>("--external-id")
        {
            Description = "An idempotency key: while a run with it has not finished, starting again returns that run.",
        };
        var wait = WaitOption();
        var timeout = TimeoutOption();
        var command = new Command("start", "Start a workflow run and print its id; with --wait, wait for it and print the run with its steps.")
        {
            type, input, externalId, wait, timeout,
        };
        runtime.SetAction(command, async (session, cancellationToken) =>
        {
            var body = new JsonObject
            {
                ["type"] = session.Parse.GetValue(type),
                ["input"] = session.Parse.GetValue(input) is { } json ? JsonNode.Parse(json) : null,
                ["externalId"] = session.Parse.GetValue(externalId),
            };
            var accepted = await session.Api.PostAsync("/workflows", body, cancellationToken);
            return await AcceptedAsync(session, accepted, session.Parse.GetValue(wait), session.Parse.GetValue(timeout), cancellationToken);
        });
        return command;
    }

    private static Command Get(CliRuntime runtime)
    {
        var id = RunIdArgument();
        var command = new Command("get", "Show a run: state, attempt, trace id, input, each step with its attempt and output, the output or error.") { id };
        runtime.SetAction(command, async (session, cancellationToken) =>
        {
            session.Write(await session.Api.GetAsync(RunPath(session.Parse.GetValue(id)!), cancellationToken), WorkflowText.Details);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliRuntime runtime)
    {
        var type = new Option<string?>("--type") { Description = "Only runs of this workflow type." };
        var state = new Option<string?>("--state") { Description = "Only runs in this state (pending, running, sleeping, completed, failed, cancelled)." };
        var ns = new Option<string?>("--namespace") { Description = "Only runs of this namespace (the API's default is 'default')." };
        var pageSize = new Option<int?>("--page-size") { Description = "Runs per page (the API's default is 50)." };
        var pageToken = new Option<string?>("--page-token") { Description = "Continue after the page that printed this token." };
        var command = new Command("list", "List workflow runs, newest first.") { type, state, ns, pageSize, pageToken };
        runtime.SetAction(command, async (session, cancellationToken) =>
        {
            var path = QueryPath.With(
                "/workflows",
                ("type", session.Parse.GetValue(type)),
                ("state", session.Parse.GetValue(state)),
                ("namespace", session.Parse.GetValue(ns)),
                ("pageSize", session.Parse.GetValue(pageSize)),
                ("pageToken", session.Parse.GetValue(pageToken)));
            session.Write(await session.Api.GetAsync(path, cancellationToken), WorkflowText.List);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Cancel(CliRuntime runtime)
    {
        var id = RunIdArgument();
        var reason = new Option<string?>("--reason") { Description = "Why, kept as the run's error." };
        var command = new Command("cancel", "Cancel a run that has not finished (a finished one: exit 1).") { id, reason };
        runtime.SetAction(command, async (session, cancellationToken) =>
        {
            var runId = session.Parse.GetValue(id)!;
            var run = await session.Api.PostAsync($"{RunPath(runId)}/cancel", new { reason = session.Parse.GetValue(reason) }, cancellationToken);
            session.Write(run, r => [$"{JobText.Text(r, "runId")} {JobText.Text(r, "state")}"]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Retry(CliRuntime runtime)
    {
        var id = RunIdArgument();
        var wait = WaitOption();
        var timeout = TimeoutOption();
        var command = new Command("retry", "Run a failed or cancelled run again as a new run (its id is printed), in a new trace linked to the old one.")
        {
            id, wait, timeout,
        };
        runtime.SetAction(command, async (session, cancellationToken) =>
        {
            var accepted = await session.Api.PostAsync($"{RunPath(session.Parse.GetValue(id)!)}/retry", null, cancellationToken);
            return await AcceptedAsync(session, accepted, session.Parse.GetValue(wait), session.Parse.GetValue(timeout), cancellationToken);
        });
        return command;
    }

    /// <summary>A started run: its id (or the API's JSON), or with <paramref name="wait"/> the finished run and its exit code.</summary>
    private static async Task<int> AcceptedAsync(CommandSession session, JsonElement accepted, bool wait, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var runId = JobText.Text(accepted, "runId")!;
        if (!wait)
        {
            session.Write(accepted, _ => [runId]);
            return ExitCodes.Ok;
        }

        var run = await WaitAsync(session, runId, timeout, cancellationToken);
        session.Write(run, WorkflowText.Details);
        return JobText.Text(run, "state") switch
        {
            "completed" => ExitCodes.Ok,
            var state => throw new CliException(ExitCodes.Error, $"workflow {runId} {state}: {WorkflowText.OneLine(JobText.Text(run, "error") ?? "no error recorded")}"),
        };
    }

    /// <summary>Polls <c>GET /workflows/{id}</c> until the run finished; a <see cref="CliException"/> (exit 5) after <paramref name="timeout"/>.</summary>
    private static async Task<JsonElement> WaitAsync(CommandSession session, string runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var spinner = new Spinner($"workflow {runId}: pending");
        var deadline = DateTimeOffset.UtcNow + timeout;
        var interval = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var run = await session.Api.GetAsync(RunPath(runId), cancellationToken);
            var state = JobText.Text(run, "state");
            if (WorkflowText.IsFinished(state))
            {
                return run;
            }

            spinner.Text = $"workflow {runId}: {state}, attempt {JobText.Text(run, "attempt")}";
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new CliException(ExitCodes.Timeout, $"workflow {runId} is still {state} after {timeout.TotalSeconds:0} s (see: traceapp workflow get {runId}).");
            }

            // Fast for short runs, then gentler on the API for long ones.
            await Task.Delay(interval, cancellationToken);
            interval = TimeSpan.FromMilliseconds(Math.Min(interval.TotalMilliseconds * 1.5, 1000));
        }
    }

    private static string RunPath(string runId) => $"/workflows/{Uri.EscapeDataString(runId)}";

    private static void ValidateJson(OptionResult result)
    {
        foreach (var token in result.Tokens)
        {
            try
            {
                using var _ = JsonDocument.Parse(token.Value);
            }
            catch (JsonException e)
            {
                result.AddError($"--input must be JSON, not '{token.Value}': {e.Message}");
            }
        }
    }
}
