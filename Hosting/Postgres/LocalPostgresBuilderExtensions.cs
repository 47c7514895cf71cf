using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using TraceApp.Hosting.Health;

namespace TraceApp.Hosting.Postgres;

/// <summary>
/// PostgreSQL as a local process, in the shape of Aspire.Hosting.PostgreSQL (whose <c>AddPostgres</c> needs a
/// container runtime): <c>AddLocalPostgres("postgres").AddDatabase("traceapp")</c>.
/// </summary>
public static class LocalPostgresBuilderExtensions
{
    private const string ResourceTypeDatabase = "PostgresDatabase";

    /// <summary>
    /// Adds a PostgreSQL 15 server on 127.0.0.1:<paramref name="port"/> (a free port when null). Its data folder is
    /// initialised on first start and kept; the superuser's password is a generated secret parameter
    /// (<c>{name}-password</c>, kept in the AppHost's user secrets). Healthy once <c>SELECT 1</c> answers.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder,
        string name,
        int? port = null,
        IResourceBuilder<ParameterResource>? userName = null,
        IResourceBuilder<ParameterResource>? password = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var binaries = PostgresBinaries.Find();
        var secret = password?.Resource
            ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var directory = PostgresDataLocation.Resolve(TraceAppData.DirectoryFor(builder, name));
        var server = PostgresAccount.Command(binaries.Postgres, []);
        var postgres = new LocalPostgresResource(name, server.FileName, directory, userName?.Resource, secret)
        {
            Ephemeral = TraceAppData.IsEphemeral(builder),
        };

        return builder.AddResource(postgres)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalPostgresResource.PrimaryEndpointName, isProxied: false)
            .WithArgs(context =>
            {
                foreach (var argument in server.Arguments)
                {
                    context.Args.Add(argument);
                }

                context.Args.Add("-D");
                context.Args.Add(postgres.DataDirectory);
                context.Args.Add("-p");
                context.Args.Add(postgres.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("-k");
                context.Args.Add(postgres.SocketDirectory);
                context.Args.Add("-c");
                context.Args.Add("listen_addresses=127.0.0.1");
                if (postgres.Ephemeral)
                {
                    foreach (var setting in new[] { "fsync=off", "synchronous_commit=off", "full_page_writes=off" })
                    {
                        context.Args.Add("-c");
                        context.Args.Add(setting);
                    }
                }
            })
            .OnBeforeResourceStarted(async (resource, e, ct) =>
            {
                var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
                foreach (var database in resource.Databases)
                {
                    await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Waiting });
                }

                await PostgresSetup.InitializeAsync(
                    binaries,
                    resource.DataDirectory,
                    resource.SocketDirectory,
                    await resource.UserNameReference.GetValueAsync(ct) ?? LocalPostgresResource.DefaultUserName,
                    await resource.PasswordParameter.GetValueAsync(ct) ?? "",
                    ct);
            })
            .OnResourceReady(async (resource, e, ct) =>
            {
                var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
                var connectionString = await ConnectionStringAsync(resource, ct);
                foreach (var database in resource.Databases)
                {
                    await PostgresSetup.CreateDatabaseAsync(connectionString, database.DatabaseName, ct);
                    // A child of an executable gets no state from Aspire: Running lets its health check (and WaitFor) proceed.
                    await notifications.PublishUpdateAsync(database, s => s with
                    {
                        State = KnownResourceStates.Running,
                        StartTimeStamp = DateTime.UtcNow,
                    });
                }
            })
            .WithProbe($"{name}_select_1", async ct =>
                await PostgresSetup.SelectOneAsync(await ConnectionStringAsync(postgres, ct), ct));
    }

    /// <summary>
    /// A database created in the server once it is healthy (if missing); Running then, and Healthy when
    /// <c>SELECT 1</c> answers in it. Its connection string is the server's plus <c>Database=</c>.
    /// </summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresResource> builder, string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.AddDatabase(database);

        return builder.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = ResourceTypeDatabase,
                State = KnownResourceStates.Waiting,
                Properties = [new(CustomResourceKnownProperties.Source, builder.Resource.Name)],
            })
            .WithProbe($"{name}_select_1", async ct =>
                await PostgresSetup.SelectOneAsync(await ConnectionStringAsync(database, ct), ct));
    }

    private static async Task<string> ConnectionStringAsync(IResourceWithConnectionString resource, CancellationToken ct) =>
        await resource.ConnectionStringExpression.GetValueAsync(ct)
        ?? throw new InvalidOperationException($"{resource.Name} has no connection string yet.");
}
