namespace TraceApp.Hosting.ApplicationModel;

/// <summary>A PostgreSQL 15 server on 127.0.0.1 with a generated password (scram-sha-256).</summary>
public sealed class PostgresServerResource(string name, string password) : Resource(name), IResourceWithConnectionString
{
    public const string TcpEndpoint = "tcp";

    public string User { get; } = "postgres";

    public string Password { get; } = password;

    public List<PostgresDatabaseResource> Databases { get; } = [];

    public string GetConnectionString(AllocatedEndpoints endpoints) => ConnectionString(endpoints, "postgres");

    internal string ConnectionString(AllocatedEndpoints endpoints, string database) =>
        $"Host=127.0.0.1;Port={endpoints.Port(this, TcpEndpoint)};Username={User};Password={Password};Database={database}";
}

/// <summary>A database created inside its server once the server is healthy.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = parent;

    public Resource Parent => Server;

    public string GetConnectionString(AllocatedEndpoints endpoints) => Server.ConnectionString(endpoints, DatabaseName);
}
