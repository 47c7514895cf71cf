using System.Text.RegularExpressions;

namespace TraceApp.Hosting.Dashboard;

/// <summary>
/// Environment values as the dashboard may show them: values of secret-looking names are hidden, and passwords
/// inside connection strings and URLs are replaced, so a screenshot of the Resources page leaks nothing.
/// </summary>
internal static partial class SecretMasking
{
    public const string Hidden = "••••••";

    private static readonly string[] SecretNameParts = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "API_KEY", "HEADERS"];

    public static string Mask(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value ?? "";
        }

        var upper = name.ToUpperInvariant().Replace("__", "_", StringComparison.Ordinal);
        if (SecretNameParts.Any(part => upper.Contains(part, StringComparison.Ordinal)))
        {
            return Hidden;
        }

        value = UrlPassword().Replace(value, $"$1{Hidden}@");
        return KeyValuePassword().Replace(value, $"$1{Hidden}");
    }

    /// <summary><c>scheme://user:password@host</c></summary>
    [GeneratedRegex(@"(://[^:/@\s]+:)[^@/\s]+@")]
    private static partial Regex UrlPassword();

    /// <summary><c>Password=…;</c> in ADO.NET-style connection strings.</summary>
    [GeneratedRegex(@"((?:^|;)\s*(?:Password|Pwd)\s*=)[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValuePassword();
}
