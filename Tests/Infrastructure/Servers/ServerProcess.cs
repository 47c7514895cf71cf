namespace TraceApp.Tests.Infrastructure.Servers;

internal static class ServerProcess
{
    /// <summary>Starts <paramref name="server"/>; if that fails, disposes it (stopping what did start) and rethrows.</summary>
    public static async Task<T> StartOrDisposeAsync<T>(T server, Func<T, Task> start) where T : IAsyncDisposable
    {
        try
        {
            await start(server);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
