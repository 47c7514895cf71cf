namespace TraceApp.Tests.AppHost;

/// <summary>The tests that share one started AppHost (<see cref="AppHostFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "AppHost";
}
