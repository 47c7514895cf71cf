using TraceApp.Api.Apis;
using TraceApp.Api.Infrastructure;
using TraceApp.Jobs.Contracts;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.RequireConnectionStrings("traceapp", "nats");
builder.AddNpgsqlDataSource("traceapp");
builder.AddJobStore();
// The workers' finished notifications are hints for the synchronous endpoints, not part of any job's trace.
builder.AddNatsClient("nats", settings => settings.UntracedSubjects = [JobSubjects.FinishedAll]);
builder.AddApiDefaults();
builder.AddApiAuthentication();
builder.AddJobsApi();
builder.AddJobRedispatch();
builder.AddSyncJobs();

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
app.Run();
