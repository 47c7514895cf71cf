using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TraceApp.Dashboard.Frontend;

/// <summary>
/// Browser auth: in <see cref="FrontendAuthMode.BrowserToken"/> mode every page and the read API need the cookie
/// that <c>/login?t=&lt;token&gt;</c> sets (or, for the API, an <c>x-api-key</c>); <see cref="FrontendAuthMode.Unsecured"/>
/// lets everyone in.
/// </summary>
public static class FrontendAuthenticationExtensions
{
    public const string Scheme = "TraceApp.Dashboard";
    public const string CookieScheme = "TraceApp.Dashboard.Cookie";
    public const string ApiKeyScheme = "TraceApp.Dashboard.ApiKey";

    public static IServiceCollection AddDashboardFrontendAuthentication(this IServiceCollection services, FrontendOptions frontend)
    {
        services.AddSingleton(frontend);
        services.AddAuthentication(Scheme)
            // One scheme at a time, so a page challenge redirects to the login form and an API call with a wrong
            // key gets 401, instead of both answering the same request.
            .AddPolicyScheme(Scheme, null, policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyScheme : CookieScheme)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = ".TraceApp.Dashboard";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.ExpireTimeSpan = TimeSpan.FromDays(3);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.Events.OnRedirectToLogin = context =>
                {
                    // The read API answers 401; only pages send the browser to the login form.
                    if (context.Request.Path.StartsWithSegments("/api"))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    }

                    context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(Policy(frontend))
            .SetDefaultPolicy(Policy(frontend));
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary><c>GET /login?t=…</c> (the printed URL) and <c>POST /login</c> (the form) set the cookie.</summary>
    public static IEndpointRouteBuilder MapDashboardLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/login", (HttpContext context, FrontendOptions frontend, string? t, string? returnUrl) =>
            t is null ? Task.FromResult(LoginForm.Render(returnUrl, failed: false)) : SignInAsync(context, frontend, t, returnUrl))
            .AllowAnonymous();
        endpoints.MapPost("/login", async (HttpContext context, FrontendOptions frontend) =>
        {
            var form = await context.Request.ReadFormAsync();
            return await SignInAsync(context, frontend, form["token"].ToString(), form["returnUrl"].ToString());
        }).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, FrontendOptions frontend, string token, string? returnUrl)
    {
        if (frontend.AuthMode == FrontendAuthMode.BrowserToken && !frontend.BrowserTokens.Matches(token))
        {
            return LoginForm.Render(returnUrl, failed: true);
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "browser")], CookieScheme);
        await context.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static AuthorizationPolicy Policy(FrontendOptions frontend) => frontend.AuthMode == FrontendAuthMode.Unsecured
        ? new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build()
        : new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build();
}
