using Grpc.Core;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>ListWorkflows: newest first, filtered, in pages joined by opaque tokens.</summary>
public sealed class WorkflowListTests(WorkflowServerSystem system) : IClassFixture<WorkflowServerSystem>
{
    [Fact]
    public async Task Pages_of_a_filtered_list_cover_every_run_once_newest_first()
    {
        var type = "listed-" + Guid.NewGuid().ToString("N")[..8];
        var queue = WorkflowServerSystem.NewQueue();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = type, TaskQueue = queue })).RunId);
        }

        await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = type + "-other", TaskQueue = queue });

        var seen = new List<string>();
        var pages = 0;
        var token = "";
        do
        {
            var page = await system.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest { WorkflowType = type, PageSize = 2, PageToken = token });
            Assert.True(page.Runs.Count <= 2);
            seen.AddRange(page.Runs.Select(r => r.RunId));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    [Fact]
    public async Task The_state_filter_keeps_only_runs_in_that_state()
    {
        var type = "state-" + Guid.NewGuid().ToString("N")[..8];
        var kept = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = type, TaskQueue = WorkflowServerSystem.NewQueue() });
        var cancelled = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = type, TaskQueue = WorkflowServerSystem.NewQueue() });
        await system.Workflows.CancelWorkflowAsync(new CancelWorkflowRequest { RunId = cancelled.RunId });

        var page = await system.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest { WorkflowType = type, State = WorkflowState.Cancelled });

        Assert.Equal([cancelled.RunId], page.Runs.Select(r => r.RunId));
        Assert.Equal("", page.NextPageToken);
        Assert.NotEqual(kept.RunId, page.Runs.Single().RunId);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("MTIzOnh5eg")]
    public async Task A_page_token_the_server_did_not_give_is_invalid_argument(string token)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            system.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest { PageToken = token }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("page_token:", error.Status.Detail, StringComparison.Ordinal);
    }
}
