using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace TraceApp.Auth;

/// <summary>
/// The shared secret that signs and checks tokens (configuration <c>Auth:SigningKey</c>; the AppHost hands the Api
/// its secret parameter <c>auth-signing-key</c>), and the fixed issuer and audience.
/// </summary>
public static class TokenSettings
{
    public const string SigningKeyConfigKey = "Auth:SigningKey";
    public const string Issuer = "traceapp";
    public const string Audience = "traceapp-api";
    public const string RoleClaim = "role";

    /// <summary>HS256 needs a key of at least 256 bits.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>Why <paramref name="signingKey"/> cannot sign tokens, or null when it can.</summary>
    public static string? Explain(string? signingKey) =>
        string.IsNullOrEmpty(signingKey)
            ? $"{SigningKeyConfigKey} is not set: the Api needs the key that signs its tokens (the AppHost passes it as the secret parameter auth-signing-key)."
            : Encoding.UTF8.GetByteCount(signingKey) < MinimumKeyBytes
                ? $"{SigningKeyConfigKey} must be at least {MinimumKeyBytes} bytes long (HS256)."
                : null;

    public static SymmetricSecurityKey KeyFrom(string signingKey) =>
        Explain(signingKey) is { } error ? throw new ArgumentException(error, nameof(signingKey)) : new(Encoding.UTF8.GetBytes(signingKey));

    /// <summary>What the Api checks: signature, issuer, audience, lifetime (30 s clock skew), role claim as the role.</summary>
    public static TokenValidationParameters ValidationParameters(string signingKey) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = KeyFrom(signingKey),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        RoleClaimType = RoleClaim,
        NameClaimType = "sub",
    };
}
