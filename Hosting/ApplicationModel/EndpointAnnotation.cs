namespace TraceApp.Hosting.ApplicationModel;

/// <summary>
/// An HTTP endpoint a project listens on. <paramref name="UrlVariable"/> names the variable the project reads its
/// URL from (e.g. <c>Kestrel__Endpoints__Grpc__Url</c>); without one the URL joins <c>ASPNETCORE_URLS</c>.
/// </summary>
public sealed record EndpointAnnotation(string Name, int Port, string? UrlVariable = null)
{
    public string Url => $"http://127.0.0.1:{Port}";
}
