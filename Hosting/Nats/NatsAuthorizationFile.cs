using System.Text;

namespace TraceApp.Hosting.Nats;

/// <summary>
/// nats-server's credentials in a configuration file only the owner can read (passed with <c>-c</c>), so the
/// password is never on the command line for every local user's <c>ps</c> to see.
/// </summary>
internal static class NatsAuthorizationFile
{
    public static string Write(string directory, string user, string password)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "auth.conf");
        var content = $"authorization {{\n  user: {Quote(user)}\n  password: {Quote(password)}\n}}\n";
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
    internal static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
