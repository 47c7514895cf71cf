using TraceApp.Jobs.Contracts;

namespace TraceApp.Tests.Jobs;

public sealed class JobStateMachineTests
{
    [Theory]
    [InlineData(null, JobEventType.Submitted, JobStatus.Pending)]
    [InlineData(JobStatus.Pending, JobEventType.Acknowledged, JobStatus.Acknowledged)]
    [InlineData(JobStatus.Acknowledged, JobEventType.Started, JobStatus.Running)]
    [InlineData(JobStatus.Acknowledged, JobEventType.Completed, JobStatus.Completed)]
    [InlineData(JobStatus.Running, JobEventType.Completed, JobStatus.Completed)]
    [InlineData(JobStatus.Running, JobEventType.Failed, JobStatus.Failed)]
    [InlineData(JobStatus.Failed, JobEventType.Retried, JobStatus.Failed)]
    [InlineData(JobStatus.Completed, JobEventType.Retried, JobStatus.Completed)]
    [InlineData(JobStatus.Pending, JobEventType.Dispatched, JobStatus.Pending)]
    [InlineData(JobStatus.Acknowledged, JobEventType.Dispatched, JobStatus.Acknowledged)]
    [InlineData(JobStatus.Running, JobEventType.Dispatched, JobStatus.Running)]
    public void Allowed_transitions(JobStatus? from, JobEventType type, JobStatus to)
    {
        Assert.Equal(to, JobStateMachine.Next(from, type));
    }

    [Theory]
    [InlineData(JobStatus.Pending, JobEventType.Submitted)]
    [InlineData(JobStatus.Pending, JobEventType.Started)]
    [InlineData(JobStatus.Pending, JobEventType.Completed)]
    [InlineData(JobStatus.Pending, JobEventType.Retried)]
    [InlineData(JobStatus.Running, JobEventType.Acknowledged)]
    [InlineData(JobStatus.Running, JobEventType.Retried)]
    [InlineData(JobStatus.Completed, JobEventType.Acknowledged)]
    [InlineData(JobStatus.Completed, JobEventType.Started)]
    [InlineData(JobStatus.Completed, JobEventType.Failed)]
    [InlineData(JobStatus.Failed, JobEventType.Completed)]
    [InlineData(JobStatus.Completed, JobEventType.Dispatched)]
    [InlineData(JobStatus.Failed, JobEventType.Dispatched)]
    public void Forbidden_transitions(JobStatus from, JobEventType type)
    {
        Assert.Null(JobStateMachine.Next(from, type));
    }

    [Fact]
    public void Finished_and_pending_jobs_may_be_deleted_held_ones_not()
    {
        Assert.Equal(
            [JobStatus.Pending, JobStatus.Completed, JobStatus.Failed],
            Enum.GetValues<JobStatus>().Where(JobStateMachine.CanDelete));
    }
}
