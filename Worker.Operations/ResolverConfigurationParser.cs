using System.Net;

namespace TraceApp.Worker.Operations;

/// <summary>
/// Parses resolv.conf(5): "nameserver &lt;IP&gt;" lines, and "search" or "domain" (the last of them wins); comments
/// start with # or ;, and other keywords (options, sortlist) are not part of the result.
/// </summary>
public static class ResolverConfigurationParser
{
    public static ResolverConfiguration Parse(string text)
    {
        var nameservers = new List<string>();
        IReadOnlyList<string> searchDomains = [];
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var fields = lines[index].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0][0] is '#' or ';')
            {
                continue;
            }

            switch (fields[0])
            {
                case "nameserver":
                    if (fields.Length < 2 || !IsAddress(fields[1]))
                    {
                        throw new NodeFileFormatException(
                            NodeFiles.ResolverConfiguration, "nameserver needs an IP address.", index + 1);
                    }

                    nameservers.Add(fields[1]);
                    break;
                case "search" or "domain":
                    if (fields.Length < 2)
                    {
                        throw new NodeFileFormatException(
                            NodeFiles.ResolverConfiguration, $"{fields[0]} needs a domain.", index + 1);
                    }

                    searchDomains = fields[0] == "domain" ? [fields[1]] : fields[1..];
                    break;
            }
        }

        return new ResolverConfiguration(nameservers, searchDomains);
    }

    // A link-local IPv6 nameserver may carry its interface as a zone: "fe80::1%eth0".
    private static bool IsAddress(string value) =>
        IPAddress.TryParse(value.Split('%')[0], out _);
}
