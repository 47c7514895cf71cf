namespace TraceApp.ServiceDefaults.Configuration;

/// <summary>
/// Reads a setting or parameter that names an enum member. Names only, ignoring case: <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/>
/// would also accept numbers ("1") and comma-separated combinations, which are never a valid choice here.
/// </summary>
public static class EnumNames
{
    public static bool TryParse<TEnum>(string text, out TEnum value) where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<TEnum>(name);
        return name is not null;
    }
}
