using System.Security.Cryptography;
using TraceApp.Auth;

namespace TraceApp.Tests.Infrastructure;

/// <summary>
/// The signing key every Api a test starts is given (<see cref="RunningProgram"/> sets <c>Auth__SigningKey</c>; the
/// AppHost fixture passes it as the parameter <c>auth-signing-key</c>), and tokens signed with it.
/// </summary>
public static class TestTokens
{
    public static string SigningKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public static string Admin { get; } = For(Roles.Admin);

    public static string For(string role, TimeSpan? lifetime = null) => TokenIssuer.Create(SigningKey, role, lifetime);
}
