// Two Kestrel endpoints (appsettings.json): "Grpc" is HTTP/2-only cleartext for gRPC, "Http" is HTTP/1.1 for
// /health and /alive.
using TraceApp.Grpc.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGrpcServerDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcHealthService();
app.Run();
