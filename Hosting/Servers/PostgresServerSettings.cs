namespace TraceApp.Hosting.Servers;

/// <summary>
/// How to run a local PostgreSQL server: TCP port on 127.0.0.1, the superuser created by initdb, the data
/// directory (kept between runs) and the directory for its Unix socket and lock file.
/// </summary>
public sealed record PostgresServerSettings(int Port, string User, string Password, string DataDirectory, string SocketDirectory);
