using Npgsql;

namespace TraceApp.Jobs.Store;

/// <summary>Which failures of a store call mean "PostgreSQL is unreachable for now", so retrying (or answering 503) is right.</summary>
public static class StoreUnavailable
{
    /// <summary>A PostgreSQL error, or a timeout caused by one (Npgsql wraps connect and command timeouts so).</summary>
    public static bool Is(Exception exception) =>
        exception is NpgsqlException or TimeoutException { InnerException: NpgsqlException };
}
