using Google.Protobuf.Reflection;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows;

/// <summary>The workflow contract (Workflows/Protos/workflows.proto) has the services and RPCs that clients in any language build on.</summary>
public sealed class WorkflowContractTests
{
    [Fact]
    public void The_package_is_traceapp_workflows_v1()
    {
        Assert.Equal("traceapp.workflows.v1", WorkflowsReflection.Descriptor.Package);
        Assert.Equal("traceapp.workflows.v1.WorkflowService", WorkflowService.Descriptor.FullName);
        Assert.Equal("traceapp.workflows.v1.WorkerService", WorkerService.Descriptor.FullName);
    }

    [Fact]
    public void WorkflowService_starts_reads_lists_cancels_and_retries_runs()
    {
        Assert.Equal(
            ["StartWorkflow", "GetWorkflow", "ListWorkflows", "CancelWorkflow", "RetryWorkflow"],
            WorkflowService.Descriptor.Methods.Select(m => m.Name));
        Assert.All(WorkflowService.Descriptor.Methods, Unary);
    }

    [Fact]
    public void WorkerService_covers_registration_polling_steps_completion_and_durable_sleep()
    {
        Assert.Equal(
            ["Register", "Heartbeat", "Deregister", "PollTask", "BeginStep", "CompleteStep", "FailStep", "CompleteWorkflow", "FailWorkflow", "Sleep"],
            WorkerService.Descriptor.Methods.Select(m => m.Name));
        Assert.All(WorkerService.Descriptor.Methods, Unary);
    }

    [Fact]
    public void A_polled_task_carries_the_runs_traceparent_and_states_cover_the_lifecycle()
    {
        Assert.Equal(FieldType.String, PollTaskResponse.Descriptor.FindFieldByName("traceparent").FieldType);
        Assert.Equal(
            ["Unspecified", "Pending", "Running", "Sleeping", "Completed", "Failed", "Cancelled"],
            Enum.GetNames<WorkflowState>());
    }

    private static void Unary(MethodDescriptor method) => Assert.False(method.IsClientStreaming || method.IsServerStreaming, method.Name);
}
