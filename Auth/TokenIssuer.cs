using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TraceApp.Auth;

/// <summary>Mints HS256 bearer tokens for the Api (<c>traceapp token generate</c>, the AppHost's admin token, tests).</summary>
public static class TokenIssuer
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(12);

    /// <exception cref="ArgumentException">Unknown role, a lifetime that is not positive, or a key too short.</exception>
    public static string Create(string signingKey, string role, TimeSpan? lifetime = null, string subject = "traceapp", TimeProvider? time = null)
    {
        if (!Roles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'. Known: {string.Join(", ", Roles.All)}.", nameof(role));
        }

        var validFor = lifetime ?? DefaultLifetime;
        if (validFor <= TimeSpan.Zero)
        {
            throw new ArgumentException("A token's lifetime must be positive.", nameof(lifetime));
        }

        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenSettings.Issuer,
            Audience = TokenSettings.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim(TokenSettings.RoleClaim, role)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + validFor,
            SigningCredentials = new SigningCredentials(TokenSettings.KeyFrom(signingKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
