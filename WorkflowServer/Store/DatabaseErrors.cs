using Npgsql;

namespace TraceApp.WorkflowServer.Store;

public static class DatabaseErrors
{
    /// <summary>
    /// PostgreSQL is unreachable for now (connection refused or lost, shutting down, a timeout), or answers but the
    /// schema is not migrated yet: the call may succeed later, so the caller is told UNAVAILABLE rather than INTERNAL.
    /// </summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException { SqlState: "42P01" or "3F000" } => true, // undefined_table, invalid_schema_name: not migrated yet
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException } => true,
        TimeoutException { InnerException: NpgsqlException } => true,
        _ => false,
    };
}
