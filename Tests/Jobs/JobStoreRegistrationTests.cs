using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TraceApp.Jobs.Contracts;
using TraceApp.Jobs.Store;

namespace TraceApp.Tests.Jobs;

public sealed class JobStoreRegistrationTests(JobStoreDatabases databases) : IClassFixture<JobStoreDatabases>
{
    [Fact]
    public async Task AddJobStore_migrates_while_the_host_starts_on_the_registered_data_source_and_binds_its_options()
    {
        var dataSource = await databases.CreateDatabaseAsync();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:Store:AcknowledgementTimeout"] = "00:00:05" });
        builder.Services.AddSingleton(dataSource); // what Aspire.Npgsql's AddNpgsqlDataSource("traceapp") registers
        builder.AddJobStore();
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            var job = await host.Services.GetRequiredService<JobStore>().CreateAsync(JobRequests.Hostname());

            Assert.Equal(TimeSpan.FromSeconds(5), host.Services.GetRequiredService<IOptions<JobStoreOptions>>().Value.AcknowledgementTimeout);
            Assert.Equal(job.CreatedAt.AddSeconds(5), job.AckDeadline);
            Assert.Equal(JobStatus.Pending, (await host.Services.GetRequiredService<JobStore>().GetAsync(job.Id))!.Job.Status);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_timeout_that_is_not_positive_stops_the_host_at_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:Store:HeartbeatTimeout"] = "00:00:00" });
        builder.Services.AddSingleton(await databases.CreateDatabaseAsync());
        builder.AddJobStore(migrateAtStart: false);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("HeartbeatTimeout", error.Message, StringComparison.Ordinal);
    }
}
