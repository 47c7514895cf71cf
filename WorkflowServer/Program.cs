// Two Kestrel endpoints (appsettings.json; the AppHost sets them through Kestrel__Endpoints__*): "Grpc" is
// HTTP/2-only cleartext for gRPC, "Http" is HTTP/1.1 for /health and /alive.
using TraceApp.WorkflowServer.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWorkflowServer();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapWorkflowServer();
app.Run();
