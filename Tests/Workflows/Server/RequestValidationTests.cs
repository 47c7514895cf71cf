using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TraceApp.WorkflowServer.Queue;
using TraceApp.WorkflowServer.Runs;
using TraceApp.WorkflowServer.Store;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>Field validation, the NOTIFY payload, page tokens and run states: the server's pure parts.</summary>
public sealed class RequestValidationTests
{
    [Theory]
    [InlineData("node-report")]
    [InlineData("a")]
    [InlineData("v1.orders_sync")]
    [InlineData("9lives")]
    public void Valid_names_pass(string name) => Assert.Equal(name, RequestValidation.Name("workflow_type", name));

    [Theory]
    [InlineData("Report")]
    [InlineData("-report")]
    [InlineData("has space")]
    [InlineData("tab\tname")]
    public void Invalid_names_are_invalid_argument_naming_the_field(string name)
    {
        var rejection = Assert.Throws<WorkflowRejection>(() => RequestValidation.Name("workflow_type", name));

        Assert.Equal(StatusCode.InvalidArgument, rejection.Code);
        Assert.StartsWith("workflow_type: ", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_of_101_characters_is_too_long() =>
        Assert.Throws<WorkflowRejection>(() => RequestValidation.Name("namespace", new string('a', 101)));

    [Fact]
    public void An_empty_name_takes_the_default_when_there_is_one_and_is_required_otherwise()
    {
        Assert.Equal("default", RequestValidation.Name("task_queue", "", RequestValidation.DefaultName));
        Assert.Contains("required", Assert.Throws<WorkflowRejection>(() => RequestValidation.Name("workflow_type", "")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_is_empty_or_one_document()
    {
        Assert.Null(RequestValidation.Json("input", ""));
        Assert.Equal("""{"a": [1]}""", RequestValidation.Json("input", """{"a": [1]}"""));
        Assert.Throws<WorkflowRejection>(() => RequestValidation.Json("input", "{} {}"));
    }

    [Fact]
    public void Durations_outside_their_range_are_refused_and_an_unset_one_takes_the_fallback()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), RequestValidation.Duration("wait", null, TimeSpan.FromSeconds(20), TimeSpan.Zero, TimeSpan.MaxValue));
        Assert.Throws<WorkflowRejection>(() => RequestValidation.Duration("duration", new Duration(), null, TimeSpan.FromTicks(1), TimeSpan.FromDays(365)));
        Assert.Throws<WorkflowRejection>(() => RequestValidation.Duration("duration", new Duration { Seconds = 1, Nanos = -1 }, null, TimeSpan.Zero, TimeSpan.MaxValue));
    }

    [Fact]
    public void A_retry_policy_with_a_max_interval_shorter_than_its_initial_one_is_refused()
    {
        var policy = new RetryPolicy { InitialInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)), MaxInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) };

        var rejection = Assert.Throws<WorkflowRejection>(() => RequestValidation.RetryPolicy("retry_policy", policy));

        Assert.StartsWith("retry_policy.max_interval: ", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retry_policy_of_zeros_sets_nothing()
    {
        var policy = RequestValidation.RetryPolicy("retry_policy", new RetryPolicy());

        Assert.Equal(new PartialRetryPolicy(null, null, null, null, null), policy);
    }

    [Fact]
    public void Page_sizes_default_to_50_and_are_capped_at_500()
    {
        Assert.Equal(50, RequestValidation.PageSize(0, 50, 500));
        Assert.Equal(500, RequestValidation.PageSize(10_000, 50, 500));
        Assert.Throws<WorkflowRejection>(() => RequestValidation.PageSize(-1, 50, 500));
    }

    [Fact]
    public void A_notification_payload_round_trips_with_and_without_a_due_time()
    {
        var now = new TaskNotification("default", "q1", "node-report", null);
        var later = new TaskNotification("ns", "q2", "flaky", DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_123));

        Assert.Equal(now, TaskNotification.TryParse(now.Format()));
        Assert.Equal(later, TaskNotification.TryParse(later.Format()));
        Assert.Null(TaskNotification.TryParse("garbage"));
        Assert.Null(TaskNotification.TryParse("a\tb\tc\tsoon"));
    }

    [Fact]
    public void A_page_token_round_trips_and_a_foreign_one_does_not_parse()
    {
        var token = new RunPageToken(new DateTimeOffset(2026, 11, 30, 19, 0, 0, 123, TimeSpan.Zero).AddTicks(4560), Guid.CreateVersion7());

        Assert.True(RunPageToken.TryParse(token.ToString(), out var parsed));
        Assert.Equal(token, parsed);
        Assert.False(RunPageToken.TryParse("not-a-token", out _));
        Assert.False(RunPageToken.TryParse("", out _));
        Assert.False(RunPageToken.TryParse("OTk5OTk5OTk5OTk5OTk5OTk5OTk5Onh5", out _));
    }

    [Fact]
    public void Terminal_states_are_completed_failed_and_cancelled_and_only_failed_or_cancelled_runs_can_be_retried()
    {
        Assert.Equal([RunStates.Completed, RunStates.Failed, RunStates.Cancelled], RunStates.All.Where(RunStates.IsTerminal));
        Assert.Equal([RunStates.Failed, RunStates.Cancelled], RunStates.All.Where(RunStates.CanBeRetried));
        Assert.All(RunStates.All, s => Assert.Equal(s, RunStates.FromProto(RunStates.ToProto(s))));
    }

    [Fact]
    public async Task A_signal_wakes_the_oldest_waiter_of_its_queue_that_takes_the_type_and_signal_all_wakes_everyone()
    {
        var signals = new TaskSignals();
        var onlyOther = signals.Register("default", "a", ["other"]);
        var first = signals.Register("default", "a", []);
        var second = signals.Register("default", "a", ["report"]);
        var elsewhere = signals.Register("default", "b", []);

        signals.Signal("default", "a", "report");

        await first.Woken.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("report", first.WokenFor);
        Assert.False(onlyOther.Woken.IsCompleted || second.Woken.IsCompleted || elsewhere.Woken.IsCompleted);
        Assert.False(signals.Unregister(first), "a woken waiter is no longer registered");
        signals.Signal("default", "a", "report");
        await second.Woken.WaitAsync(TimeSpan.FromSeconds(5));
        signals.Signal("default", "a", "report");
        Assert.False(onlyOther.Woken.IsCompleted, "no waiter takes the type: nobody is woken");
        signals.SignalAll();
        await Task.WhenAll(onlyOther.Woken, elsewhere.Woken).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_unregistered_waiter_is_never_woken()
    {
        var signals = new TaskSignals();
        var gone = signals.Register("default", "a", []);
        var next = signals.Register("default", "a", []);

        Assert.True(signals.Unregister(gone));
        signals.Signal("default", "a", null);

        Assert.False(gone.Woken.IsCompleted);
        Assert.True(next.Woken.IsCompleted);
    }
}
