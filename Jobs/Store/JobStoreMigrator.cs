using Microsoft.Extensions.Logging;
using Npgsql;
using TraceApp.Storage;

namespace TraceApp.Jobs.Store;

/// <summary>Applies <see cref="JobStoreMigrations"/>, recorded in <c>schema_migrations</c> (see <see cref="SchemaMigrator"/>).</summary>
public sealed class JobStoreMigrator(NpgsqlDataSource dataSource, ILogger<JobStoreMigrator> logger)
    : SchemaMigrator(dataSource, Definition, logger)
{
    /// <summary>The advisory lock key is "TrJobsMg".</summary>
    internal static SchemaMigrations Definition { get; } =
        new("Job store", "Job store", Schema: null, AdvisoryLockKey: 0x54724A6F62734D67, JobStoreMigrations.All);

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion => Definition.LatestVersion;
}
