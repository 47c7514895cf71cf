using Microsoft.AspNetCore.Authentication.JwtBearer;
using TraceApp.Auth;
using TraceApp.ServiceDefaults.Telemetry;

namespace TraceApp.Api.Infrastructure;

/// <summary>
/// Bearer JWTs (HS256, signed with <c>Auth:SigningKey</c>) and one authorization policy per permission
/// (<see cref="Permissions"/>), met by the roles that grant it. 401 without a valid token, 403 without the
/// permission; both as ProblemDetails through <c>UseStatusCodePages</c>.
/// </summary>
public static class ApiAuthentication
{
    public static IHostApplicationBuilder AddApiAuthentication(this IHostApplicationBuilder builder)
    {
        var signingKey = builder.Configuration[TokenSettings.SigningKeyConfigKey];
        if (TokenSettings.Explain(signingKey) is { } error)
        {
            TelemetrySettingsResolution.ExitWithConfigurationError(error);
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = TokenSettings.ValidationParameters(signingKey!);
            });
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var permission in Permissions.All)
        {
            authorization.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Granting(permission)));
        }

        return builder;
    }
}
