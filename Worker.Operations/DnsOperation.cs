using System.Net;
using System.Net.Sockets;

namespace TraceApp.Worker.Operations;

/// <summary>network.dns: the resolver configuration from /etc/resolv.conf and, given a name, its addresses.</summary>
public sealed class DnsOperation(INodeFileReader files) : ParameterizedJobOperation<DnsParameters, DnsResult>
{
    public const string OperationName = "network.dns";

    public override string Name => OperationName;

    protected override DnsParameters ReadParameters(ParameterReader reader)
    {
        var name = reader.ReadString("name", required: false);
        if (name is not null && HostNameValidation.Validate(name) is { } nameError)
        {
            reader.AddError("name", nameError);
        }

        return new DnsParameters(name);
    }

    public override async Task<DnsResult> RunAsync(DnsParameters parameters, CancellationToken cancellationToken)
    {
        var configuration = ResolverConfigurationParser.Parse(
            await files.ReadAllTextAsync(NodeFiles.ResolverConfiguration, cancellationToken));
        var resolved = parameters.Name is { } name ? await ResolveAsync(name, cancellationToken) : null;
        return new DnsResult(configuration.Nameservers, configuration.SearchDomains, resolved);
    }

    private static async Task<DnsResolution> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(name, cancellationToken);
            return new DnsResolution(name, [.. addresses.Select(address => address.ToString())]);
        }
        catch (SocketException exception)
        {
            throw new OperationFailedException($"Cannot resolve '{name}': {exception.Message}", exception);
        }
    }
}
