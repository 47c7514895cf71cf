using System.Net;

namespace TraceApp.Cli;

/// <summary>The CLI's exit codes: what a script can tell apart without reading the message.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Unreachable API, a server error, a failed job, anything else.</summary>
    public const int Error = 1;

    /// <summary>The command line or the request was wrong (parse errors, 400 from the API).</summary>
    public const int Usage = 2;

    /// <summary>No token, a bad one, or one without the permission (401, 403).</summary>
    public const int Auth = 3;

    public const int NotFound = 4;

    /// <summary>The API gave up waiting for a worker (504), or <c>job run</c> stopped waiting.</summary>
    public const int Timeout = 5;

    public static int ForStatus(HttpStatusCode status) => status switch
    {
        < HttpStatusCode.BadRequest => Ok,
        HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity => Usage,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => Auth,
        HttpStatusCode.NotFound => NotFound,
        HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout => Timeout,
        _ => Error,
    };
}
