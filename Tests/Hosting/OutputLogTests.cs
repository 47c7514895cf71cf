using TraceApp.Hosting.Execution;

namespace TraceApp.Tests.Hosting;

public sealed class OutputLogTests
{
    [Fact]
    public async Task Wait_completes_for_a_line_written_before_or_after_it_started()
    {
        var log = new OutputLog();
        log.Append("early line");

        Assert.Equal("early line", await log.WaitForLineAsync(l => l.StartsWith("early", StringComparison.Ordinal), TimeSpan.FromSeconds(5)));
        var later = log.WaitForLineAsync(l => l.StartsWith("late", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.False(later.IsCompleted);
        log.Append("late line");
        Assert.Equal("late line", await later);
    }

    [Fact]
    public async Task Buffer_is_bounded_and_a_missing_line_times_out_with_the_tail()
    {
        var log = new OutputLog(capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            log.Append($"line {i}");
        }

        Assert.Equal(["line 2", "line 3", "line 4"], log.Lines);
        Assert.Equal(2, log.Dropped);
        var timeout = await Assert.ThrowsAsync<TimeoutException>(
            () => log.WaitForLineAsync(l => l == "never", TimeSpan.FromMilliseconds(50)));
        Assert.Contains("line 4", timeout.Message, StringComparison.Ordinal);
    }
}
