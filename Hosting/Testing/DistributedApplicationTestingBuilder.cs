using TraceApp.Dashboard.Otlp;
using TraceApp.Hosting.Servers;

namespace TraceApp.Hosting.Testing;

/// <summary>
/// Aspire's testing builder for TraceApp: the AppHost's own model, run with a free port for every endpoint, data
/// in a temporary directory, and every service exporting OTLP to an in-process receiver the test can query.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <param name="withDashboard">
    /// Start the dashboard on free ports and send it the telemetry (read it back through its API or pages);
    /// otherwise the telemetry goes to <see cref="TestingApplication.Telemetry"/>.
    /// </param>
    public static async Task<TestingApplication> CreateAsync(Action<DistributedApplicationBuilder> configureModel, bool withDashboard = false)
    {
        var receiver = await OtlpHttpReceiver.StartAsync();
        var dataDirectory = DataDirectory.CreateTemporary("traceapp-test-");
        try
        {
            var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
            {
                RandomizePorts = true,
                DataDirectory = dataDirectory.FullName,
                EphemeralData = true,
                OtlpEndpoint = receiver.Endpoint,
                OtlpProtocol = "http/protobuf",
                EnableDashboard = withDashboard,
            });
            configureModel(builder);
            return new TestingApplication(builder.Build(), receiver, dataDirectory);
        }
        catch
        {
            await receiver.DisposeAsync();
            dataDirectory.Delete(recursive: true);
            throw;
        }
    }
}
