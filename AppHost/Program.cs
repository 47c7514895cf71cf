using TraceApp.AppHost;
using TraceApp.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddTraceAppModel();
builder.Build().Run();
