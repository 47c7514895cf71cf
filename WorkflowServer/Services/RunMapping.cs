using Google.Protobuf.WellKnownTypes;
using TraceApp.WorkflowServer.Runs;
using TraceApp.WorkflowServer.Store;
using TraceApp.Workflows.V1;

namespace TraceApp.WorkflowServer.Services;

/// <summary>Rows to proto messages.</summary>
internal static class RunMapping
{
    public static WorkflowRun ToProto(this RunRow run)
    {
        var message = new WorkflowRun
        {
            RunId = run.Id.ToString(),
            Namespace = run.Namespace,
            WorkflowType = run.WorkflowType,
            TaskQueue = run.TaskQueue,
            ExternalId = run.ExternalId ?? "",
            State = RunStates.ToProto(run.State),
            Input = run.Input ?? "",
            Output = run.Output ?? "",
            Error = run.Error ?? "",
            Attempt = run.Attempt,
            TraceId = run.TraceId ?? "",
            RetryOf = run.RetryOf?.ToString() ?? "",
            CreatedAt = Timestamp.FromDateTimeOffset(run.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(run.UpdatedAt),
        };
        if (run.FinishedAt is { } finished)
        {
            message.FinishedAt = Timestamp.FromDateTimeOffset(finished);
        }

        if (run.WakeAt is { } wake)
        {
            message.WakeAt = Timestamp.FromDateTimeOffset(wake);
        }

        return message;
    }

    public static WorkflowStep ToProto(this StepRow step)
    {
        var message = new WorkflowStep
        {
            Name = step.Name,
            State = RunStates.StepToProto(step.State),
            Attempt = step.Attempt,
            Output = step.Output ?? "",
            Error = step.Error ?? "",
            StartedAt = Timestamp.FromDateTimeOffset(step.StartedAt),
            Kind = step.Kind,
        };
        if (step.WakeAt is { } wake)
        {
            message.WakeAt = Timestamp.FromDateTimeOffset(wake);
        }

        if (step.FinishedAt is { } finished)
        {
            message.FinishedAt = Timestamp.FromDateTimeOffset(finished);
        }

        return message;
    }
}
