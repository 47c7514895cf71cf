using System.Globalization;
using TraceApp.Hosting.Execution;

namespace TraceApp.Hosting.Servers;

/// <summary>The nats-server command line for <see cref="NatsServerSettings"/>, and the URL clients connect with.</summary>
public static class NatsServerCommand
{
    public static ProcessSpec Create(string name, NatsServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        List<string> arguments =
        [
            "-a", "127.0.0.1",
            "-p", settings.Port.ToString(CultureInfo.InvariantCulture),
            "-m", settings.MonitoringPort.ToString(CultureInfo.InvariantCulture),
            "--user", settings.User,
            "--pass", settings.Password,
        ];
        if (settings.JetStreamDirectory is { } storeDirectory)
        {
            arguments.AddRange(["-js", "-sd", storeDirectory]);
        }

        if (settings.ClusterPort is { } clusterPort)
        {
            arguments.AddRange(["--cluster_name", "traceapp", "--cluster", $"nats://127.0.0.1:{clusterPort.ToString(CultureInfo.InvariantCulture)}"]);
            if (settings.RoutePorts is { Count: > 0 } routes)
            {
                arguments.AddRange(["--routes", string.Join(',', routes.Select(p => $"nats://127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"))]);
            }
        }

        return new ProcessSpec(name, NatsBinary.Find(), arguments, new Dictionary<string, string?>());
    }

    /// <summary><c>nats://user:password@127.0.0.1:port</c> with user and password URL-escaped.</summary>
    public static string ConnectionString(NatsServerSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var user = Uri.EscapeDataString(s.User);
        var password = Uri.EscapeDataString(s.Password);
        return string.Create(CultureInfo.InvariantCulture, $"nats://{user}:{password}@127.0.0.1:{s.Port}");
    }
}
