using TraceApp.Jobs.Contracts;
using TraceApp.ServiceDefaults.Telemetry;
using TraceApp.Worker;
using TraceApp.Worker.Operations;
using TraceApp.Worker.Workflows;

// A generic-host program: ServiceDefaults serves its /health and /alive on ASPNETCORE_URLS.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.RequireConnectionStrings("traceapp", "nats");

builder.AddNpgsqlDataSource("traceapp");
// Not at start: the database may not be up yet; WorkerHeartbeat migrates (idempotent, locked) with retries.
builder.AddJobStore(migrateAtStart: false);
// The finished notifications are hints for the Api's waiters, not part of any job's trace.
builder.AddNatsClient("nats", settings => settings.UntracedSubjects = [JobSubjects.FinishedAll]);
builder.Services.AddNodeOperations();

var workerOptions = builder.Configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>() ?? new WorkerOptions();
builder.Services.Configure<WorkerOptions>(builder.Configuration.GetSection(WorkerOptions.SectionName));
try
{
    builder.Services.AddSingleton(WorkerIdentity.Resolve(workerOptions));
}
catch (InvalidOperationException exception)
{
    TelemetrySettingsResolution.ExitWithConfigurationError(exception.Message);
}

builder.Services.AddSingleton<JobFinishedNotifier>();
builder.Services.AddSingleton<JobHandler>();
builder.Services.AddHostedService<WorkerHeartbeat>();
builder.Services.AddHostedService<JobConsumer>();
builder.AddWorkflowRuntime();

var host = builder.Build();
host.Run();
