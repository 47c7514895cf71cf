using Microsoft.Extensions.DependencyInjection.Extensions;
using TraceApp.Grpc.Server;
using TraceApp.WorkflowServer.Queue;
using TraceApp.WorkflowServer.Services;
using TraceApp.WorkflowServer.Store;
using TraceApp.WorkflowServer.Telemetry;

namespace TraceApp.WorkflowServer.Hosting;

public static class WorkflowServerExtensions
{
    /// <summary>
    /// The server's parts on the "traceapp" database (Aspire.Npgsql: pooling, tracing, the PostgreSql health check):
    /// options from "WorkflowServer", the schema migrated at start (retried while the database is down), the
    /// repositories, the LISTEN connection, the due-time, lease-expiry and metrics loops, gRPC with reflection.
    /// </summary>
    public static IHostApplicationBuilder AddWorkflowServer(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("traceapp");
        builder.AddGrpcServerDefaults();
        builder.Services.AddGrpcReflection();

        var services = builder.Services;
        services.AddOptions<WorkflowServerOptions>()
            .BindConfiguration(WorkflowServerOptions.SectionName)
            .Validate(o => o.LeaseDuration > TimeSpan.Zero && o.LeaseCheckInterval > TimeSpan.Zero && o.MetricsRefreshInterval > TimeSpan.Zero
                && o.MaxPollWait >= TimeSpan.Zero && o.DefaultPollWait >= TimeSpan.Zero && o.DefaultPollWait <= o.MaxPollWait,
                $"{WorkflowServerOptions.SectionName}: the intervals must be positive and DefaultPollWait at most MaxPollWait.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WorkflowMigrator>();
        services.AddSingleton<WorkflowMigrationService>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowMigrationService>());
        services.AddSingleton<WorkflowRunStore>();
        services.AddSingleton<WorkflowStepStore>();
        services.AddSingleton<WorkerStore>();
        services.AddSingleton<TaskSignals>();
        services.AddSingleton<WorkflowServerMetrics>();
        services.AddSingleton<DueTimeLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<DueTimeLoop>());
        services.AddHostedService<TaskListener>();
        services.AddHostedService<LeaseExpiryService>();
        services.AddHostedService<RunCountsRefresher>();
        return builder;
    }

    public static WebApplication MapWorkflowServer(this WebApplication app)
    {
        app.MapGrpcService<WorkflowServiceImpl>();
        app.MapGrpcService<WorkerServiceImpl>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthService();
        return app;
    }
}
