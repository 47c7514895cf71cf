using TraceApp.Api.Apis;
using TraceApp.Api.Infrastructure;
using TraceApp.Jobs.Contracts;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.RequireConnectionStrings("traceapp", "nats");
// At most 32 connections, so a burst of requests waits for a pooled connection instead of opening more than
// PostgreSQL accepts (max_connections 100, shared with the workers): 300 concurrent submissions failed with 53300.
builder.AddNpgsqlDataSource("traceapp", configureDataSourceBuilder: dataSource => dataSource.ConnectionStringBuilder.MaxPoolSize = 32);
builder.AddJobStore();
// The workers' finished notifications are hints for the synchronous endpoints, not part of any job's trace.
builder.AddNatsClient("nats", settings => settings.UntracedSubjects = [JobSubjects.FinishedAll]);
builder.AddApiDefaults();
builder.AddApiAuthentication();
builder.AddJobsApi();
builder.AddJobRedispatch();
builder.AddSyncJobs();
builder.AddWorkflowsApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapVersionApi();
app.MapJobsApi();
app.MapNodeApi();
app.MapNetworkApi();
app.MapWorkflowsApi();
app.Run();
