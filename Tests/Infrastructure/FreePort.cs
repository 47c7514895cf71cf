using TraceApp.Hosting.Orchestration;

namespace TraceApp.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>A port the OS just handed out on 127.0.0.1; for programs that need the port before they start.</summary>
    public static int Next() => PortAllocator.NextFreePort();
}
