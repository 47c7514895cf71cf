using TraceApp.Api.Apis;
using TraceApp.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.RequireConnectionStrings("traceapp", "nats");
builder.AddNpgsqlDataSource("traceapp");
builder.AddJobStore();
builder.AddNatsClient("nats");
builder.AddApiDefaults();
builder.AddApiAuthentication();
builder.AddJobsApi();
builder.AddJobRedispatch();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapVersionApi();
app.MapJobsApi();
app.Run();
