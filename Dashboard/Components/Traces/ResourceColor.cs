using System.Globalization;
using TraceApp.Dashboard.Storage;

namespace TraceApp.Dashboard.Components.Traces;

/// <summary>
/// A colour per service, the same on every page and after every restart: a hue from a hash of the service name
/// (replicas share their service's colour).
/// </summary>
public static class ResourceColor
{
    public static int Hue(string serviceName)
    {
        // FNV-1a: string.GetHashCode is randomized per process, which would repaint everything on restart.
        var hash = 2166136261u;
        foreach (var c in serviceName)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % 360);
    }

    public static string Css(TelemetryResource resource) =>
        string.Create(CultureInfo.InvariantCulture, $"hsl({Hue(resource.Name)} 62% 50%)");
}
