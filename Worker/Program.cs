using TraceApp.Worker.Operations;

// A generic-host program: ServiceDefaults serves its /health and /alive on ASPNETCORE_URLS.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddNodeOperations();

var host = builder.Build();
host.Run();
