namespace TraceApp.Auth;

/// <summary>
/// The roles a token carries (claim <c>role</c>) and the permissions each grants. Tokens carry the role, not the
/// permissions, so changing what a role may do needs no new tokens.
/// </summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Write = "write";
    public const string Read = "read";

    public static IReadOnlyList<string> All { get; } = [Admin, Write, Read];

    private static readonly Dictionary<string, string[]> Grants = new(StringComparer.Ordinal)
    {
        [Admin] = [Permissions.NodeRead, Permissions.NetworkRead, Permissions.JobRead, Permissions.JobWrite, Permissions.WorkflowRead, Permissions.WorkflowWrite],
        [Write] = [Permissions.NodeRead, Permissions.NetworkRead, Permissions.JobRead, Permissions.JobWrite, Permissions.WorkflowRead, Permissions.WorkflowWrite],
        [Read] = [Permissions.NodeRead, Permissions.NetworkRead, Permissions.JobRead, Permissions.WorkflowRead],
    };

    public static bool IsKnown(string? role) => role is not null && Grants.ContainsKey(role);

    /// <summary>The permissions <paramref name="role"/> grants (none for an unknown role).</summary>
    public static IReadOnlyList<string> PermissionsOf(string role) => Grants.TryGetValue(role, out var granted) ? granted : [];

    /// <summary>The roles that grant <paramref name="permission"/>.</summary>
    public static IReadOnlyList<string> Granting(string permission) =>
        [.. Grants.Where(grant => grant.Value.Contains(permission, StringComparer.Ordinal)).Select(grant => grant.Key)];
}
