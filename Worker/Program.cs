// A generic-host program: ServiceDefaults serves its /health and /alive on ASPNETCORE_URLS.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();

var host = builder.Build();
host.Run();
