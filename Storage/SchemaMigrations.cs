namespace TraceApp.Storage;

/// <summary>One versioned step of a schema. Append new steps; never edit an applied one.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql);

/// <summary>
/// A schema's migrations and where they are recorded: <c>schema_migrations</c> in <paramref name="Schema"/> (created
/// if missing) or, when null, on the search path. <paramref name="AdvisoryLockKey"/> is any bigint the database's
/// other users do not take. <paramref name="Name"/> and <paramref name="RetryName"/> start the log lines
/// ("{Name} schema migration 3 applied", "{RetryName} migration attempt 2 failed"); tests wait for those lines.
/// </summary>
public sealed record SchemaMigrations(string Name, string RetryName, string? Schema, long AdvisoryLockKey, IReadOnlyList<SchemaMigration> All)
{
    /// <summary>The newest schema version this build knows.</summary>
    public int LatestVersion => All[^1].Version;

    internal string Table => Schema is null ? "schema_migrations" : $"{Schema}.schema_migrations";
}
