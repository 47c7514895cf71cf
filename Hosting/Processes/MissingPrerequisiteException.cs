namespace TraceApp.Hosting.Processes;

/// <summary>
/// A program TraceApp needs is not installed. The message is one line that names the Debian package to install.
/// </summary>
public sealed class MissingPrerequisiteException : Exception
{
    public MissingPrerequisiteException()
        : base("A required program is not installed.")
    {
    }

    public MissingPrerequisiteException(string message)
        : base(message)
    {
    }

    public MissingPrerequisiteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>"<paramref name="missing"/>: install the Debian package P (apt-get install -y P)."</summary>
    public MissingPrerequisiteException(string missing, string debianPackage)
        : base($"{missing}: install the Debian package {debianPackage} (apt-get install -y {debianPackage}).")
    {
        DebianPackage = debianPackage;
    }

    /// <summary>The Debian package that provides the missing program, when known.</summary>
    public string? DebianPackage { get; }
}
