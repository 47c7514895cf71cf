using NATS.Client.Core;

namespace TraceApp.Messaging;

/// <summary>
/// Parses <c>ConnectionStrings__nats</c>: one or more comma-separated <c>nats://[user:password@|token@]host:port</c>
/// URLs (Aspire's format). Credentials move into <see cref="NatsAuthOpts"/> so the server list never carries them.
/// </summary>
public static class NatsConnectionString
{
    public static NatsOpts Parse(string connectionString, NatsOpts? defaults = null)
    {
        var servers = new List<string>();
        NatsAuthOpts? auth = null;
        foreach (var part in connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part.Contains("://", StringComparison.Ordinal) ? part : "nats://" + part, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("nats" or "tls" or "ws" or "wss") || string.IsNullOrEmpty(uri.Host))
            {
                throw new FormatException($"'{Redact(part)}' is not a NATS URL such as nats://user:password@127.0.0.1:4222.");
            }

            auth ??= Credentials(uri);
            servers.Add($"{uri.Scheme}://{uri.Host}:{(uri.IsDefaultPort || uri.Port < 0 ? 4222 : uri.Port)}");
        }

        if (servers.Count == 0)
        {
            throw new FormatException("The NATS connection string is empty.");
        }

        var options = (defaults ?? NatsClientDefaults.Options) with { Url = string.Join(',', servers) };
        return auth is null ? options : options with { AuthOpts = auth };
    }

    private static NatsAuthOpts? Credentials(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        var separator = uri.UserInfo.IndexOf(':');
        return separator < 0
            ? new NatsAuthOpts { Token = Uri.UnescapeDataString(uri.UserInfo) }
            : new NatsAuthOpts
            {
                Username = Uri.UnescapeDataString(uri.UserInfo[..separator]),
                Password = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]),
            };
    }

    /// <summary>Never echo a password in an error message.</summary>
    private static string Redact(string url)
    {
        var at = url.LastIndexOf('@');
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at < 0 ? url : url[..(scheme < 0 ? 0 : scheme + 3)] + "***@" + url[(at + 1)..];
    }
}
