using TraceApp.Dashboard.Otlp;

namespace TraceApp.Hosting.Testing;

/// <summary>
/// Aspire's testing builder for TraceApp: the AppHost's own model, run with a free port for every endpoint, data
/// in a temporary directory, and every service exporting OTLP to an in-process receiver the test can query.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    public static async Task<TestingApplication> CreateAsync(Action<DistributedApplicationBuilder> configureModel)
    {
        var receiver = await OtlpHttpReceiver.StartAsync();
        var dataDirectory = Directory.CreateTempSubdirectory("traceapp-test-");
        // Servers may run as another user (PostgreSQL as 'postgres' when we are root): they must reach their data.
        File.SetUnixFileMode(dataDirectory.FullName,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        try
        {
            var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
            {
                RandomizePorts = true,
                DataDirectory = dataDirectory.FullName,
                EphemeralData = true,
                OtlpEndpoint = receiver.Endpoint,
                OtlpProtocol = "http/protobuf",
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
