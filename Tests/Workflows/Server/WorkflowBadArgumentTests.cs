using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>Every RPC refuses bad arguments with INVALID_ARGUMENT naming the field, and unknown ids with NOT_FOUND.</summary>
public sealed class WorkflowBadArgumentTests(WorkflowServerSystem system) : IClassFixture<WorkflowServerSystem>
{
    private const string UnknownId = "6f1c1f0e-8a51-4d47-9a36-0b8e3a0c0a01";

    public static TheoryData<string, string, StatusCode, string> Calls => new()
    {
        { "StartWorkflow", "no workflow_type", StatusCode.InvalidArgument, "workflow_type:" },
        { "StartWorkflow", "workflow_type with capitals", StatusCode.InvalidArgument, "workflow_type:" },
        { "StartWorkflow", "input not JSON", StatusCode.InvalidArgument, "input:" },
        { "StartWorkflow", "namespace with a space", StatusCode.InvalidArgument, "namespace:" },
        { "StartWorkflow", "negative max_attempts", StatusCode.InvalidArgument, "retry_policy.max_attempts:" },
        { "StartWorkflow", "backoff_coefficient below 1", StatusCode.InvalidArgument, "retry_policy.backoff_coefficient:" },
        { "GetWorkflow", "run_id not a UUID", StatusCode.InvalidArgument, "run_id:" },
        { "GetWorkflow", "unknown run_id", StatusCode.NotFound, "run " },
        { "ListWorkflows", "negative page_size", StatusCode.InvalidArgument, "page_size:" },
        { "ListWorkflows", "unknown state", StatusCode.InvalidArgument, "state:" },
        { "CancelWorkflow", "no run_id", StatusCode.InvalidArgument, "run_id:" },
        { "CancelWorkflow", "unknown run_id", StatusCode.NotFound, "run " },
        { "RetryWorkflow", "run_id not a UUID", StatusCode.InvalidArgument, "run_id:" },
        { "RetryWorkflow", "unknown run_id", StatusCode.NotFound, "run " },
        { "Register", "workflow_types with a bad name", StatusCode.InvalidArgument, "workflow_types:" },
        { "Register", "negative max_concurrency", StatusCode.InvalidArgument, "max_concurrency:" },
        { "Heartbeat", "no worker_id", StatusCode.InvalidArgument, "worker_id:" },
        { "Heartbeat", "run_ids not UUIDs", StatusCode.InvalidArgument, "run_ids:" },
        { "Heartbeat", "unknown worker_id", StatusCode.NotFound, "worker " },
        { "Deregister", "worker_id not a UUID", StatusCode.InvalidArgument, "worker_id:" },
        { "Deregister", "unknown worker_id", StatusCode.NotFound, "worker " },
        { "PollTask", "no worker_id", StatusCode.InvalidArgument, "worker_id:" },
        { "PollTask", "negative wait", StatusCode.InvalidArgument, "wait:" },
        { "PollTask", "unknown worker_id", StatusCode.NotFound, "worker " },
        { "BeginStep", "no step_name", StatusCode.InvalidArgument, "step_name:" },
        { "BeginStep", "unknown run_id", StatusCode.NotFound, "run " },
        { "CompleteStep", "output not JSON", StatusCode.InvalidArgument, "output:" },
        { "CompleteStep", "run_id not a UUID", StatusCode.InvalidArgument, "run_id:" },
        { "FailStep", "no error_message", StatusCode.InvalidArgument, "error_message:" },
        { "FailStep", "negative retry interval", StatusCode.InvalidArgument, "retry_policy.initial_interval:" },
        { "CompleteWorkflow", "no worker_id", StatusCode.InvalidArgument, "worker_id:" },
        { "CompleteWorkflow", "output not JSON", StatusCode.InvalidArgument, "output:" },
        { "FailWorkflow", "no error_message", StatusCode.InvalidArgument, "error_message:" },
        { "Sleep", "no duration", StatusCode.InvalidArgument, "duration:" },
        { "Sleep", "zero duration", StatusCode.InvalidArgument, "duration:" },
        { "Sleep", "more than 365 days", StatusCode.InvalidArgument, "duration:" },
        { "Sleep", "no timer_name", StatusCode.InvalidArgument, "timer_name:" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_bad_argument_is_refused_with_a_message_naming_the_field(string rpc, string problem, StatusCode expected, string messageStart)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync(rpc, problem));

        Assert.Equal(expected, error.StatusCode);
        Assert.StartsWith(messageStart, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completing_a_step_that_was_never_begun_is_failed_precondition()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = await system.RegisterAsync(queue, "unbegun");
        await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "unbegun", TaskQueue = queue });
        var task = await system.PollAsync(workerId, queue, TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            system.Workers.CompleteStepAsync(new CompleteStepRequest { WorkerId = workerId, RunId = task.RunId, StepName = "never" }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("not begun", error.Status.Detail, StringComparison.Ordinal);
    }

    private async Task CallAsync(string rpc, string problem)
    {
        var worker = Guid.NewGuid().ToString();
        var run = UnknownId;
        switch (rpc, problem)
        {
            case ("StartWorkflow", _):
                var start = new StartWorkflowRequest { WorkflowType = "ok" };
                switch (problem)
                {
                    case "no workflow_type": start.WorkflowType = ""; break;
                    case "workflow_type with capitals": start.WorkflowType = "Report"; break;
                    case "input not JSON": start.Input = "{not json"; break;
                    case "namespace with a space": start.Namespace = "a b"; break;
                    case "negative max_attempts": start.RetryPolicy = new RetryPolicy { MaxAttempts = -1 }; break;
                    case "backoff_coefficient below 1": start.RetryPolicy = new RetryPolicy { BackoffCoefficient = 0.5 }; break;
                }

                await system.Workflows.StartWorkflowAsync(start);
                break;
            case ("GetWorkflow", "run_id not a UUID"): await system.Workflows.GetWorkflowAsync(new GetWorkflowRequest { RunId = "42" }); break;
            case ("GetWorkflow", _): await system.Workflows.GetWorkflowAsync(new GetWorkflowRequest { RunId = run }); break;
            case ("ListWorkflows", "negative page_size"): await system.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest { PageSize = -1 }); break;
            case ("ListWorkflows", _): await system.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest { State = (WorkflowState)99 }); break;
            case ("CancelWorkflow", "no run_id"): await system.Workflows.CancelWorkflowAsync(new CancelWorkflowRequest()); break;
            case ("CancelWorkflow", _): await system.Workflows.CancelWorkflowAsync(new CancelWorkflowRequest { RunId = run }); break;
            case ("RetryWorkflow", "run_id not a UUID"): await system.Workflows.RetryWorkflowAsync(new RetryWorkflowRequest { RunId = "x" }); break;
            case ("RetryWorkflow", _): await system.Workflows.RetryWorkflowAsync(new RetryWorkflowRequest { RunId = run }); break;
            case ("Register", "workflow_types with a bad name"): await system.Workers.RegisterAsync(new RegisterRequest { WorkflowTypes = { "-bad" } }); break;
            case ("Register", _): await system.Workers.RegisterAsync(new RegisterRequest { MaxConcurrency = -1 }); break;
            case ("Heartbeat", "no worker_id"): await system.Workers.HeartbeatAsync(new HeartbeatRequest()); break;
            case ("Heartbeat", "run_ids not UUIDs"): await system.Workers.HeartbeatAsync(new HeartbeatRequest { WorkerId = worker, RunIds = { "r1" } }); break;
            case ("Heartbeat", _): await system.Workers.HeartbeatAsync(new HeartbeatRequest { WorkerId = worker }); break;
            case ("Deregister", "worker_id not a UUID"): await system.Workers.DeregisterAsync(new DeregisterRequest { WorkerId = "w" }); break;
            case ("Deregister", _): await system.Workers.DeregisterAsync(new DeregisterRequest { WorkerId = worker }); break;
            case ("PollTask", "no worker_id"): await system.Workers.PollTaskAsync(new PollTaskRequest()); break;
            case ("PollTask", "negative wait"):
                await system.Workers.PollTaskAsync(new PollTaskRequest { WorkerId = worker, Wait = Duration.FromTimeSpan(TimeSpan.FromSeconds(-1)) });
                break;
            case ("PollTask", _): await system.Workers.PollTaskAsync(new PollTaskRequest { WorkerId = worker, Wait = new Duration() }); break;
            case ("BeginStep", "no step_name"): await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = worker, RunId = run }); break;
            case ("BeginStep", _): await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = worker, RunId = run, StepName = "s" }); break;
            case ("CompleteStep", "output not JSON"):
                await system.Workers.CompleteStepAsync(new CompleteStepRequest { WorkerId = worker, RunId = run, StepName = "s", Output = "{" });
                break;
            case ("CompleteStep", _): await system.Workers.CompleteStepAsync(new CompleteStepRequest { WorkerId = worker, RunId = "r", StepName = "s" }); break;
            case ("FailStep", "no error_message"): await system.Workers.FailStepAsync(new FailStepRequest { WorkerId = worker, RunId = run, StepName = "s" }); break;
            case ("FailStep", _):
                await system.Workers.FailStepAsync(new FailStepRequest
                {
                    WorkerId = worker, RunId = run, StepName = "s", ErrorMessage = "e",
                    RetryPolicy = new RetryPolicy { InitialInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(-1)) },
                });
                break;
            case ("CompleteWorkflow", "no worker_id"): await system.Workers.CompleteWorkflowAsync(new CompleteWorkflowRequest { RunId = run }); break;
            case ("CompleteWorkflow", _): await system.Workers.CompleteWorkflowAsync(new CompleteWorkflowRequest { WorkerId = worker, RunId = run, Output = "nope" }); break;
            case ("FailWorkflow", _): await system.Workers.FailWorkflowAsync(new FailWorkflowRequest { WorkerId = worker, RunId = run }); break;
            case ("Sleep", "no timer_name"):
                await system.Workers.SleepAsync(new SleepRequest { WorkerId = worker, RunId = run, Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) });
                break;
            case ("Sleep", _):
                var sleep = new SleepRequest { WorkerId = worker, RunId = run, TimerName = "t" };
                sleep.Duration = problem switch
                {
                    "zero duration" => new Duration(),
                    "more than 365 days" => Duration.FromTimeSpan(TimeSpan.FromDays(366)),
                    _ => null,
                };
                await system.Workers.SleepAsync(sleep);
                break;
            default:
                throw new ArgumentException($"no call for {rpc} / {problem}");
        }
    }
}
