namespace TraceApp.Storage;

public static class DatabaseErrorText
{
    /// <summary>The exception's message and its inner ones on one line (e.g. "Failed to connect to …: Connection refused").</summary>
    public static string Describe(Exception e)
    {
        var reasons = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            reasons.Add(current.Message.ReplaceLineEndings(" "));
        }

        return string.Join(": ", reasons.Distinct());
    }
}
