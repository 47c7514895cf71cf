using System.Globalization;

namespace TraceApp.Cli.Http;

/// <summary>An API path with a query string of the parameters that have a value, each escaped.</summary>
public static class QueryPath
{
    public static string With(string path, params (string Name, object? Value)[] parameters)
    {
        var query = parameters
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture)!)}")
            .ToList();
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }
}
