using System.Security.Cryptography;
using TraceApp.Hosting.ApplicationModel;

namespace TraceApp.Hosting;

/// <summary>NATS and PostgreSQL, as Aspire.Hosting.Nats and Aspire.Hosting.PostgreSQL offer them.</summary>
public static class ServerBuilderExtensions
{
    public static ResourceBuilder<NatsServerResource> AddNats(this DistributedApplicationBuilder builder, string name, int? port = null)
    {
        var nats = builder.AddResource(new NatsServerResource(name, "traceapp", GeneratePassword()));
        nats.WithAnnotation(new EndpointAnnotation(NatsServerResource.ClientEndpoint, port, "nats"));
        nats.WithAnnotation(new EndpointAnnotation(NatsServerResource.MonitoringEndpoint, null, "http"));
        return nats;
    }

    /// <summary>Turns on JetStream with a data directory of its own.</summary>
    public static ResourceBuilder<NatsServerResource> WithJetStream(this ResourceBuilder<NatsServerResource> builder)
    {
        builder.Resource.JetStream = true;
        return builder;
    }

    public static ResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name, int? port = null)
    {
        var postgres = builder.AddResource(new PostgresServerResource(name, PersistentPassword(builder, name)));
        postgres.WithAnnotation(new EndpointAnnotation(PostgresServerResource.TcpEndpoint, port, "tcp"));
        return postgres;
    }

    /// <summary>A database created in the server once it is healthy; its connection string names the database.</summary>
    public static ResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this ResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.Databases.Add(database);
        return builder.ApplicationBuilder.AddResource(database);
    }

    /// <summary>
    /// The password a server's data was created with: kept beside the data (mode 600), since run mode keeps
    /// PostgreSQL's data across AppHost restarts; generated on first use.
    /// </summary>
    private static string PersistentPassword(DistributedApplicationBuilder builder, string resourceName)
    {
        var directory = Path.Combine(builder.Options.DataDirectory, resourceName);
        var file = Path.Combine(directory, "password");
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        Directory.CreateDirectory(directory);
        var password = GeneratePassword();
        File.WriteAllText(file, password);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }

    /// <summary>URL- and connection-string-safe: letters and digits only.</summary>
    private static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24);
}
