using System.Net;
using Microsoft.AspNetCore.Http;

namespace TraceApp.Dashboard.Frontend;

/// <summary>The login page: a plain form, so it works before any script or cookie.</summary>
internal static class LoginForm
{
    public static IResult Render(string? returnUrl, bool failed) => Results.Content($$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>TraceApp dashboard — log in</title>
        <style>body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:28rem}input{width:100%;padding:.4rem;margin:.4rem 0}
        .error{color:#b00020}</style></head>
        <body><h1>TraceApp dashboard</h1>
        <p>Open the login URL the dashboard printed when it started, or paste its token (the <code>t=</code> value).</p>
        {{(failed ? "<p class=\"error\" role=\"alert\">That token is not valid.</p>" : "")}}
        <form method="post" action="/login">
        <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}">
        <label for="token">Token</label><input id="token" name="token" type="password" autocomplete="off" autofocus>
        <button type="submit">Log in</button></form></body></html>
        """, "text/html; charset=utf-8", statusCode: failed ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
}
