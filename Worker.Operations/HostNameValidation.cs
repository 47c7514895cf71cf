using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TraceApp.Worker.Operations;

/// <summary>Checks that a target is an IP address or a host name as RFC 1123 allows it.</summary>
public static class HostNameValidation
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Null when <paramref name="host"/> is valid, else why it is not.</summary>
    public static string? Validate(string host)
    {
        if (host.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(host, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? null
                : $"'{host}' is not a valid IPv6 address.";
        }

        var name = host.EndsWith('.') ? host[..^1] : host;
        if (name.Length is 0 or > MaxNameLength)
        {
            return $"A host name has 1 to {MaxNameLength} characters.";
        }

        var labels = name.Split('.');
        // IPAddress.TryParse takes "10" or "10.1" as shorthand and "010" as octal, as inet_aton(3) does; a target
        // must be four plain decimal numbers so that it means what it looks like.
        if (labels.All(label => label.Length > 0 && label.All(char.IsAsciiDigit)))
        {
            return labels.Length == 4 && labels.All(IsDecimalOctet)
                ? null
                : $"'{host}' is not a valid IPv4 address.";
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > MaxLabelLength)
            {
                return $"'{host}' is not a valid host name: each label has 1 to {MaxLabelLength} characters.";
            }

            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || label[0] == '-' || label[^1] == '-')
            {
                return $"'{host}' is not a valid host name: labels hold letters, digits and inner hyphens only.";
            }
        }

        return labels[^1].All(char.IsAsciiDigit)
            ? $"'{host}' is not a valid host name: the last label cannot be all digits."
            : null;
    }

    private static bool IsDecimalOctet(string label) =>
        label.Length <= 3 && (label.Length == 1 || label[0] != '0') && int.Parse(label, CultureInfo.InvariantCulture) <= 255;
}
