namespace TraceApp.Hosting.Servers;

public static class DataDirectory
{
    /// <summary>
    /// A new directory under the temp folder that other users may enter: as root, PostgreSQL runs as the
    /// postgres user, which must reach its data directory below this one.
    /// </summary>
    public static DirectoryInfo CreateTemporary(string prefix)
    {
        var directory = Directory.CreateTempSubdirectory(prefix);
        directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        return directory;
    }
}
