using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using TraceApp.Hosting.Servers;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Hosting.Servers;

public sealed class NatsServerTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [Fact]
    public async Task Probe_succeeds_and_JetStream_stores_in_the_configured_directory()
    {
        await nats.ProbeAsync(CancellationToken.None);

        using var http = new HttpClient();
        var varz = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{nats.Settings.MonitoringPort}/varz");
        var storeDirectory = varz.GetProperty("jetstream").GetProperty("config").GetProperty("store_dir").GetString();
        Assert.NotNull(storeDirectory);
        Assert.StartsWith(nats.Settings.JetStreamDirectory!, storeDirectory, StringComparison.Ordinal);
        Assert.True(Directory.Exists(storeDirectory));
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_the_servers_authorization_error()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => NatsHealthProbe.CheckAsync("127.0.0.1", nats.Settings.Port, nats.Settings.User, "wrong", CancellationToken.None));

        Assert.Contains("authorization", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Wrong_user_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => NatsHealthProbe.CheckAsync("127.0.0.1", nats.Settings.Port, "someone", nats.Settings.Password, CancellationToken.None));

        Assert.Contains("authorization", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Probe_fails_when_nothing_listens()
    {
        var error = await Assert.ThrowsAsync<SocketException>(
            () => NatsHealthProbe.CheckAsync("127.0.0.1", FreePort.Next(), "traceapp", "secret", CancellationToken.None));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }
}
