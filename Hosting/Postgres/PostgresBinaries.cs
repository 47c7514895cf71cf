using TraceApp.Hosting.Processes;

namespace TraceApp.Hosting.Postgres;

/// <summary>The PostgreSQL 15 programs TraceApp runs (Debian's postgresql-15 package layout).</summary>
public sealed class PostgresBinaries
{
    public const string DefaultDirectory = "/usr/lib/postgresql/15/bin";

    public const string DebianPackage = "postgresql-15";

    private PostgresBinaries(string directory) => Directory = directory;

    public string Directory { get; }

    public string InitDb => Path.Combine(Directory, "initdb");

    public string Postgres => Path.Combine(Directory, "postgres");

    /// <summary>The binaries in <see cref="DefaultDirectory"/>, or a <see cref="MissingPrerequisiteException"/>.</summary>
    public static PostgresBinaries Find() => Find(DefaultDirectory);

    public static PostgresBinaries Find(string directory)
    {
        var binaries = new PostgresBinaries(directory);
        if (!File.Exists(binaries.InitDb) || !File.Exists(binaries.Postgres))
        {
            throw new MissingPrerequisiteException($"PostgreSQL 15 binaries not found in {directory}", DebianPackage);
        }

        return binaries;
    }
}
