using System.Security.Cryptography;
using System.Text;

namespace TraceApp.Hosting.Postgres;

/// <summary>
/// Where a local PostgreSQL keeps its data. As root, PostgreSQL runs as the <c>postgres</c> user, which must be able
/// to enter every folder above its data; a checkout under <c>/root</c> (mode 700) is out of its reach. Then the
/// server's folder moves to the <c>postgres</c> user's home: <c>/var/lib/postgresql/traceapp/{name}-{hash}</c>, one
/// per preferred location, so two checkouts never share a cluster.
/// </summary>
internal static class PostgresDataLocation
{
    private const string PostgresHome = "/var/lib/postgresql";

    public static string Resolve(string preferred)
    {
        if (!PostgresAccount.MustSwitchUser || OthersCanEnterEveryFolderAbove(preferred))
        {
            return preferred;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(preferred)))[..12];
        var directory = Path.Combine(PostgresHome, "traceapp", $"{Path.GetFileName(preferred)}-{hash}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static bool OthersCanEnterEveryFolderAbove(string path)
    {
        for (var folder = Path.GetDirectoryName(path); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if ((File.GetUnixFileMode(folder) & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
