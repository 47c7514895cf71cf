using TraceApp.Hosting.Orchestration;

namespace TraceApp.Tests.Hosting;

public sealed class ResourceConsoleLogsTests
{
    [Fact]
    public async Task Watch_returns_the_lines_after_a_position_then_follows_new_ones()
    {
        var logs = new ResourceConsoleLogs(capacityPerInstance: 3);
        logs.Append("api", "one");
        logs.Append("api", "two");
        logs.Append("worker", "other");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<string>();

        await foreach (var line in logs.WatchAsync("api", afterLine: 1, stop.Token))
        {
            seen.Add(line);
            if (line == "two")
            {
                logs.Append("api", "three");
            }

            if (seen.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(["two", "three"], seen);
        Assert.Equal(["other"], logs.Get("worker"));
    }

    [Fact]
    public void Only_the_newest_lines_are_kept_per_instance()
    {
        var logs = new ResourceConsoleLogs(capacityPerInstance: 2);
        foreach (var line in new[] { "a", "b", "c" })
        {
            logs.Append("api", line);
        }

        Assert.Equal(["b", "c"], logs.Get("api"));
        Assert.Empty(logs.Get("unknown"));
    }
}
