using System.Text.Json;
using TraceApp.Worker.Operations;

namespace TraceApp.Tests.Worker;

/// <summary>network.dns. Only ever resolves localhost.</summary>
public sealed class DnsOperationTests
{
    private static readonly FixedNodeFiles Files = new(new() { [NodeFiles.ResolverConfiguration] = NodeSamples.ResolverConfiguration });

    [Fact]
    public async Task Without_a_name_it_is_the_resolver_configuration()
    {
        var result = await new DnsOperation(Files).ExecuteAsync(null, CancellationToken.None);

        Assert.Equal(
            """{"nameservers":["10.0.0.2","fd00::53"],"searchDomains":["corp.example","lab.example"],"resolved":null}""",
            result.Value!.Value.GetRawText());
    }

    [Fact]
    public async Task A_name_is_resolved_too()
    {
        var result = await new DnsOperation(Files).RunAsync(new DnsParameters("localhost"), CancellationToken.None);

        Assert.Equal("localhost", result.Resolved!.Name);
        Assert.Contains(result.Resolved.Addresses, address => address is "127.0.0.1" or "::1");
    }

    [Theory]
    [InlineData("""{"name":"no such host!"}""", "name", "'no such host!' is not a valid host name: labels hold letters, digits and inner hyphens only.")]
    [InlineData("""{"name":["localhost"]}""", "name", "The name field must be a string, not an array.")]
    [InlineData("""{"host":"localhost"}""", "host", "Unknown parameter; this operation takes name.")]
    public async Task Invalid_parameters_are_field_errors(string parameters, string field, string message)
    {
        var result = await new DnsOperation(Files).ExecuteAsync(JsonDocument.Parse(parameters).RootElement, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal([message], Assert.Single(result.Errors, error => error.Key == field).Value);
    }
}
