using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using TraceApp.ServiceDefaults.Health;

namespace TraceApp.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// Registers one <see cref="INatsConnection"/> built from <c>ConnectionStrings__&lt;connectionName&gt;</c> and a
    /// <c>nats</c> readiness check (connected and a PING round trip within 5 s). The connection opens lazily on
    /// first use and reconnects on its own.
    /// </summary>
    public static IHostApplicationBuilder AddNatsClient(this IHostApplicationBuilder builder, string connectionName = "nats")
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set; expected nats://user:password@host:port (the AppHost sets it).");
        var options = NatsConnectionString.Parse(connectionString) with
        {
            Name = builder.Environment.ApplicationName,
        };
        builder.Services.AddSingleton<INatsConnection>(services =>
            new NatsConnection(options with { LoggerFactory = services.GetRequiredService<ILoggerFactory>() }));
        builder.Services.AddHealthChecks().AddDependencyCheck(
            connectionName, (services, ct) => services.GetRequiredService<INatsConnection>().PingAsync(ct).AsTask());
        return builder;
    }
}
