// Two Kestrel endpoints (appsettings.json): "Grpc" is HTTP/2-only cleartext for gRPC (services arrive with the
// Grpc issue), "Http" is HTTP/1.1 for /health and /alive.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
