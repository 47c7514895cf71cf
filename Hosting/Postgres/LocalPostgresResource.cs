using Aspire.Hosting.ApplicationModel;

namespace TraceApp.Hosting.Postgres;

/// <summary>
/// A PostgreSQL 15 server run as a local process (Debian's postgresql-15) with its data in
/// <see cref="DataDirectory"/>. Its connection string has no database; its databases add one.
/// </summary>
public sealed class LocalPostgresResource(
    string name, string command, string workingDirectory, ParameterResource? userName, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    public const string DefaultUserName = "postgres";

    /// <summary>The superuser's name parameter; null means <see cref="DefaultUserName"/>.</summary>
    public ParameterResource? UserNameParameter { get; } = userName;

    public ReferenceExpression UserNameReference => UserNameParameter is null
        ? ReferenceExpression.Create($"{DefaultUserName}")
        : ReferenceExpression.Create($"{UserNameParameter}");

    public ParameterResource PasswordParameter { get; } = password;

    public string DataDirectory => Path.Combine(WorkingDirectory, "data");

    /// <summary>Unix socket and lock file; owned by the server's user.</summary>
    public string SocketDirectory => Path.Combine(WorkingDirectory, "socket");

    /// <summary>Durability traded for speed (fsync off): for throw-away data such as tests'.</summary>
    public bool Ephemeral { get; internal init; }

    private readonly List<LocalPostgresDatabaseResource> _databases = [];

    public IReadOnlyList<LocalPostgresDatabaseResource> Databases => _databases;

    internal void AddDatabase(LocalPostgresDatabaseResource database) => _databases.Add(database);

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    /// <remarks>The generated credentials are letters and digits, so they need no quoting.</remarks>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserNameReference};Password={PasswordParameter}");
}
