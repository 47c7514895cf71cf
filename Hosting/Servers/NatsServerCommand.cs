using System.Globalization;
using System.Text;
using TraceApp.Hosting.Execution;

namespace TraceApp.Hosting.Servers;

/// <summary>The nats-server command line for <see cref="NatsServerSettings"/>, and the URL clients connect with.</summary>
public static class NatsServerCommand
{
    /// <param name="configDirectory">
    /// Where to keep the credentials in a file only the owner can read (<c>auth.conf</c>, passed with <c>-c</c>), so
    /// the password is not on the command line for every local user's <c>ps</c> to see; null puts them in flags.
    /// </param>
    public static ProcessSpec Create(string name, NatsServerSettings settings, string? configDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        List<string> arguments =
        [
            "-a", "127.0.0.1",
            "-p", settings.Port.ToString(CultureInfo.InvariantCulture),
            "-m", settings.MonitoringPort.ToString(CultureInfo.InvariantCulture),
            .. configDirectory is null
                ? ["--user", settings.User, "--pass", settings.Password]
                : new[] { "-c", WriteAuthorizationFile(configDirectory, settings) },
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

    private static string WriteAuthorizationFile(string directory, NatsServerSettings settings)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "auth.conf");
        var content = $"authorization {{\n  user: {Quote(settings.User)}\n  password: {Quote(settings.Password)}\n}}\n";
        using (var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            file.Write(Encoding.UTF8.GetBytes(content));
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // also when the file already existed
        return path;
    }

    /// <summary>A NATS configuration string: quoted, with only the escapes its parser accepts (<c>\"</c>, <c>\\</c>).</summary>
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary><c>nats://user:password@127.0.0.1:port</c> with user and password URL-escaped.</summary>
    public static string ConnectionString(NatsServerSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var user = Uri.EscapeDataString(s.User);
        var password = Uri.EscapeDataString(s.Password);
        return string.Create(CultureInfo.InvariantCulture, $"nats://{user}:{password}@127.0.0.1:{s.Port}");
    }
}
