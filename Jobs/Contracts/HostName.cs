namespace TraceApp.Jobs.Contracts;

/// <summary>RFC 1123 host names: dot-separated labels of 1–63 letters, digits and inner hyphens, 253 characters at most.</summary>
public static class HostName
{
    public const int MaxLength = 253;
    public const int MaxLabelLength = 63;

    public static bool IsValid(string? name) => Explain(name) is null;

    /// <summary>Why <paramref name="name"/> is not a host name, or <c>null</c> when it is one.</summary>
    public static string? Explain(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "A host name is required.";
        }

        if (name.Length > MaxLength)
        {
            return $"A host name has at most {MaxLength} characters (got {name.Length}).";
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength)
            {
                return $"Each dot-separated label of a host name has 1 to {MaxLabelLength} characters: '{name}'.";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return $"A host name label neither starts nor ends with '-': '{label}'.";
            }

            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return $"A host name has only ASCII letters, digits, '-' and '.': '{name}'.";
            }
        }

        return null;
    }
}
