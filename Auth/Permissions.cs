namespace TraceApp.Auth;

/// <summary>What a token allows; each Api endpoint requires one of these (an authorization policy of the same name).</summary>
public static class Permissions
{
    public const string NodeRead = "node:read";
    public const string NetworkRead = "network:read";
    public const string JobRead = "job:read";
    public const string JobWrite = "job:write";

    /// <summary>Read workflow runs and their steps (<c>GET /workflows</c>, <c>GET /workflows/{id}</c>).</summary>
    public const string WorkflowRead = "workflow:read";

    /// <summary>Start, cancel and retry workflow runs.</summary>
    public const string WorkflowWrite = "workflow:write";

    public static IReadOnlyList<string> All { get; } = [NodeRead, NetworkRead, JobRead, JobWrite, WorkflowRead, WorkflowWrite];
}
