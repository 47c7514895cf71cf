using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TraceApp.Dashboard.Storage;

namespace TraceApp.Tests.Dashboard;

/// <summary>The store as the Dashboard registers it: one instance, bounded by <c>Dashboard:TelemetryLimits</c>.</summary>
public sealed class TelemetryStoreRegistrationTests
{
    [Fact]
    public void The_limits_come_from_configuration_and_everyone_gets_the_same_store()
    {
        var configuration = Configuration(("Dashboard:TelemetryLimits:MaxTraces", "25"), ("Dashboard:TelemetryLimits:MaxLogRecords", "7"));
        using var provider = new ServiceCollection().AddTelemetryStore(configuration).BuildServiceProvider();

        var store = provider.GetRequiredService<TelemetryStore>();

        Assert.Same(store, provider.GetRequiredService<TelemetryStore>());
        Assert.Equal(25, store.Options.MaxTraces);
        Assert.Equal(7, store.Options.MaxLogRecords);
        Assert.Equal(new TelemetryStoreOptions().MaxSpansPerTrace, store.Options.MaxSpansPerTrace);
    }

    [Fact]
    public void A_limit_that_is_not_positive_fails_at_registration_naming_the_setting()
    {
        var configuration = Configuration(("Dashboard:TelemetryLimits:MaxTraces", "0"));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddTelemetryStore(configuration));

        Assert.Contains("Dashboard:TelemetryLimits:MaxTraces", error.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
