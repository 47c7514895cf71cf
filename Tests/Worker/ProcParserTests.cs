using TraceApp.Worker.Operations;

namespace TraceApp.Tests.Worker;

public sealed class ProcParserTests
{
    [Fact]
    public void Uptime_is_seconds_since_boot_with_text_for_people()
    {
        var uptime = UptimeParser.Parse(NodeSamples.Uptime);

        Assert.Equal(273812.45, uptime.Seconds);
        Assert.Equal("3 days, 4 hours, 3 minutes", uptime.Text);
    }

    [Theory]
    [InlineData(59, "0 minutes")]
    [InlineData(61, "1 minute")]
    [InlineData(3600, "1 hour, 0 minutes")]
    [InlineData(86400 + 120, "1 day, 0 hours, 2 minutes")]
    public void Uptime_text_leaves_out_leading_zero_parts(int seconds, string text) =>
        Assert.Equal(text, UptimeParser.Describe(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("")]
    [InlineData("soon 12.0")]
    [InlineData("-5.0 1.0")]
    public void Malformed_uptime_names_the_file(string text)
    {
        var error = Assert.Throws<NodeFileFormatException>(() => UptimeParser.Parse(text));

        Assert.Equal("/proc/uptime", error.Path);
        Assert.StartsWith("/proc/uptime", error.Message);
    }

    [Fact]
    public void Load_has_three_averages_and_process_counts()
    {
        var load = LoadParser.Parse(NodeSamples.LoadAverage);

        Assert.Equal(new LoadResult(0.52, 0.58, 0.59, 2, 1234), load);
    }

    [Theory]
    [InlineData("0.52 0.58 0.59", "found 3 fields")]
    [InlineData("0.52 0.58 0.59 21234 56789", "'21234' is not running/total processes")]
    [InlineData("0.52 high 0.59 2/1234 56789", "'high' is not a load average")]
    [InlineData("0.52 0.58 0.59 2/many 56789", "'many' is not a process count")]
    public void Malformed_load_says_what_is_wrong(string text, string problem)
    {
        var error = Assert.Throws<NodeFileFormatException>(() => LoadParser.Parse(text));

        Assert.Contains(problem, error.Message);
        Assert.Equal(1, error.LineNumber);
    }

    [Fact]
    public void Memory_is_in_bytes_and_used_is_total_minus_available()
    {
        var memory = MemoryParser.Parse(NodeSamples.MemoryInfo);

        Assert.Equal(
            new MemoryResult(
                TotalBytes: 16384000L * 1024,
                AvailableBytes: 8192000L * 1024,
                FreeBytes: 2048000L * 1024,
                UsedBytes: (16384000L - 8192000L) * 1024,
                SwapTotalBytes: 4096000L * 1024,
                SwapFreeBytes: 4000000L * 1024),
            memory);
    }

    [Fact]
    public void Memory_without_a_required_field_lists_what_is_missing()
    {
        var error = Assert.Throws<NodeFileFormatException>(
            () => MemoryParser.Parse("MemTotal: 1000 kB\nMemFree: 500 kB\nSwapTotal: 0 kB\n"));

        Assert.Equal("/proc/meminfo: missing MemAvailable, SwapFree.", error.Message);
    }

    [Theory]
    [InlineData("MemTotal 1000 kB", 2, "is not 'Field: value'")]
    [InlineData("MemTotal: lots kB", 2, "MemTotal has no whole number")]
    [InlineData("MemTotal: 1000 MB", 2, "MemTotal has unknown unit 'MB'")]
    public void Malformed_memory_line_gives_its_number(string line, int lineNumber, string problem)
    {
        var error = Assert.Throws<NodeFileFormatException>(() => MemoryParser.Parse($"MemFree: 1 kB\n{line}\n"));

        Assert.Equal(lineNumber, error.LineNumber);
        Assert.Contains($"line {lineNumber}: ", error.Message);
        Assert.Contains(problem, error.Message);
    }
}
