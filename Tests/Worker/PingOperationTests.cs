using System.Net.NetworkInformation;
using System.Text.Json;
using TraceApp.Worker.Operations;

namespace TraceApp.Tests.Worker;

/// <summary>network.ping. Only ever pings loopback (127.0.0.1, localhost).</summary>
public sealed class PingOperationTests
{
    private readonly PingOperation _ping = new();

    private Task<OperationResult> ExecuteAsync(string parameters) =>
        _ping.ExecuteAsync(JsonDocument.Parse(parameters).RootElement, CancellationToken.None);

    [Fact]
    public async Task Ping_of_loopback_twice_gets_two_successful_replies()
    {
        var result = await _ping.RunAsync(new PingParameters("127.0.0.1", 2), CancellationToken.None);

        Assert.Equal("127.0.0.1", result.Address);
        Assert.Equal([1, 2], result.Replies.Select(reply => reply.Sequence));
        Assert.All(result.Replies, reply => Assert.Equal(IPStatus.Success, reply.Status));
        Assert.All(result.Replies, reply => Assert.NotNull(reply.RoundtripMs));
        Assert.Equal(2, result.Summary.Sent);
        Assert.Equal(2, result.Summary.Received);
        Assert.Equal(0, result.Summary.LossPercent);
        Assert.InRange(result.Summary.AvgMs!.Value, result.Summary.MinMs!.Value, result.Summary.MaxMs!.Value);
    }

    [Fact]
    public async Task Ping_of_localhost_resolves_it_and_answers_in_camel_case_json()
    {
        var result = await ExecuteAsync("""{"host":"localhost","count":1}""");

        Assert.True(result.Succeeded);
        var json = result.Value!.Value;
        Assert.Equal("localhost", json.GetProperty("host").GetString());
        Assert.StartsWith("127.", json.GetProperty("address").GetString());
        var reply = Assert.Single(json.GetProperty("replies").EnumerateArray());
        Assert.Equal("success", reply.GetProperty("status").GetString());
        Assert.Equal(1, reply.GetProperty("sequence").GetInt32());
        var summary = json.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("received").GetInt32());
        Assert.Equal(0, summary.GetProperty("lossPercent").GetDouble());
    }

    [Fact]
    public async Task Cancelling_the_job_stops_between_echo_requests()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _ping.RunAsync(new PingParameters("127.0.0.1", 10), cancellation.Token));
    }

    [Fact]
    public void Count_defaults_to_three()
    {
        Assert.True(_ping.TryReadParameters(JsonDocument.Parse("""{"host":"127.0.0.1"}""").RootElement, out var parameters, out _));

        Assert.Equal(new PingParameters("127.0.0.1", 3), parameters);
    }

    [Theory]
    [InlineData("{}", "host", "The host field is required.")]
    [InlineData("""{"host":"  "}""", "host", "The host field is required.")]
    [InlineData("""{"host":42}""", "host", "The host field must be a string, not a number.")]
    [InlineData("""{"host":"bad_host"}""", "host", "'bad_host' is not a valid host name: labels hold letters, digits and inner hyphens only.")]
    [InlineData("""{"host":"127.0.0.1","count":0}""", "count", "The count field must be between 1 and 10.")]
    [InlineData("""{"host":"127.0.0.1","count":11}""", "count", "The count field must be between 1 and 10.")]
    [InlineData("""{"host":"127.0.0.1","count":2.5}""", "count", "The count field must be a whole number.")]
    [InlineData("""{"host":"127.0.0.1","count":"3"}""", "count", "The count field must be a whole number.")]
    [InlineData("""{"host":"127.0.0.1","cuont":3}""", "cuont", "Unknown parameter; this operation takes count, host.")]
    public async Task Invalid_parameters_are_field_errors(string parameters, string field, string message)
    {
        var result = await ExecuteAsync(parameters);

        Assert.False(result.Succeeded);
        Assert.Equal([field], result.Errors.Keys);
        Assert.Equal([message], result.Errors[field]);
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var result = await _ping.ExecuteAsync(null, CancellationToken.None);
        var both = await ExecuteAsync("""{"count":99}""");

        Assert.Equal(["host"], result.Errors.Keys);
        Assert.Equal(["count", "host"], both.Errors.Keys.Order());
    }

    [Fact]
    public void Summary_of_lost_replies_has_no_round_trip_figures()
    {
        var summary = PingOperation.Summarize(
            [new PingReplyResult(1, IPStatus.TimedOut, null), new PingReplyResult(2, IPStatus.Success, 4), new PingReplyResult(3, IPStatus.Success, 8)]);
        var allLost = PingOperation.Summarize([new PingReplyResult(1, IPStatus.TimedOut, null)]);

        Assert.Equal(new PingSummary(3, 2, 100.0 / 3, 4, 6, 8), summary);
        Assert.Equal(new PingSummary(1, 0, 100, null, null, null), allLost);
    }
}
