using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using TraceApp.Grpc.Client;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Dashboard;

/// <summary>The standalone dashboard program: its OTLP receivers from environment settings, and its start-up errors.</summary>
public sealed partial class DashboardProgramTests
{
    private const string Key = "standalone-key-3c9d";

    [Fact]
    public async Task Serves_both_receivers_with_the_configured_key_and_never_logs_it()
    {
        await using var dashboard = RunningProgram.Start("Dashboard", new Dictionary<string, string?>
        {
            ["Dashboard__Otlp__GrpcEndpointUrl"] = "http://127.0.0.1:0",
            ["Dashboard__Otlp__HttpEndpointUrl"] = "http://127.0.0.1:0",
            ["Dashboard__Otlp__PrimaryApiKey"] = Key,
            ["Logging__LogLevel__Default"] = "Debug",
        });
        var line = await dashboard.Output.WaitForLineAsync(l => l.Contains("OTLP receivers:", StringComparison.Ordinal), RunningProgram.StartTimeout);
        var match = ReceiversLine().Match(line);
        Assert.True(match.Success, line);
        var (grpcEndpoint, httpEndpoint) = (new Uri(match.Groups["grpc"].Value), new Uri(match.Groups["http"].Value));
        using var http = TestHttp.CreateClient();
        using var channels = new GrpcChannels();
        var grpc = channels.CreateClient(grpcEndpoint, invoker => new OtlpGrpcTestClient(invoker));
        var traces = OtlpTestData.Traces("standalone", OtlpTestData.NewTraceId(), "span");

        using var accepted = await http.SendAsync(Post(httpEndpoint, traces.ToByteArray(), Key));
        using var refused = await http.SendAsync(Post(httpEndpoint, traces.ToByteArray(), apiKey: null));
        await grpc.ExportAsync(traces, Key);
        var unauthenticated = await Assert.ThrowsAsync<RpcException>(() => grpc.ExportAsync(traces, "wrong"));

        Assert.Equal("ApiKey", match.Groups["mode"].Value);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, unauthenticated.StatusCode);
        Assert.Equal(0, await dashboard.StopAsync());
        Assert.DoesNotContain(dashboard.Process.Output.Lines, l => l.Contains(Key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Dashboard__Otlp__AuthMode", "ApiKey", "Dashboard:Otlp:PrimaryApiKey (env Dashboard__Otlp__PrimaryApiKey) is not set")]
    [InlineData("Dashboard__Otlp__AuthMode", "Certificate", "allowed values are ApiKey, Unsecured")]
    [InlineData("Dashboard__Otlp__GrpcEndpointUrl", "https://127.0.0.1:18889", "https is not supported yet")]
    [InlineData("Dashboard__Frontend__AuthMode", "Bogus", "allowed values are BrowserToken, Unsecured")]
    [InlineData("Dashboard__Frontend__EndpointUrl", "ftp://x", "use an http:// URL")]
    [InlineData("Dashboard__TelemetryLimits__MaxTraces", "0", "Dashboard:TelemetryLimits:MaxTraces must be greater than zero")]
    public async Task A_wrong_setting_stops_it_with_one_line_and_exit_code_78(string variable, string value, string expected)
    {
        await using var dashboard = RunningProgram.Start("Dashboard", new Dictionary<string, string?> { [variable] = value });

        Assert.Equal(78, await dashboard.Process.Exited.WaitAsync(RunningProgram.StartTimeout));
        var error = Assert.Single(dashboard.Process.StandardError.Lines);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(dashboard.Process.StandardOutput.Lines);
    }

    private static HttpRequestMessage Post(Uri endpoint, byte[] body, string? apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "/v1/traces"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-protobuf") } },
        };
        if (apiKey is not null)
        {
            request.Headers.Add("x-otlp-api-key", apiKey);
        }

        return request;
    }

    [GeneratedRegex(@"gRPC on (?<grpc>http://[^\s,]+), HTTP on (?<http>http://[^\s,]+), authentication (?<mode>\w+)")]
    private static partial Regex ReceiversLine();
}
