using TraceApp.Messaging;

namespace TraceApp.Tests.Messaging;

public sealed class NatsConnectionStringTests
{
    [Fact]
    public void User_and_password_move_into_auth_options_for_every_server()
    {
        var options = NatsConnectionString.Parse("nats://traceapp:p%40ss@127.0.0.1:4222, nats://traceapp:p%40ss@127.0.0.1:4223");

        Assert.Equal("nats://127.0.0.1:4222,nats://127.0.0.1:4223", options.Url);
        Assert.Equal("traceapp", options.AuthOpts.Username);
        Assert.Equal("p@ss", options.AuthOpts.Password);
    }

    [Fact]
    public void Token_and_plain_host_port_forms_are_accepted()
    {
        Assert.Equal("s3cret", NatsConnectionString.Parse("nats://s3cret@localhost:4222").AuthOpts.Token);
        Assert.Equal("nats://localhost:4222", NatsConnectionString.Parse("localhost").Url);
    }

    [Fact]
    public void Bad_url_is_rejected_without_echoing_the_password()
    {
        var error = Assert.Throws<FormatException>(() => NatsConnectionString.Parse("http://user:hunter2@host:80"));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("nats://user:password@127.0.0.1:4222", error.Message, StringComparison.Ordinal);
    }
}
