using TraceApp.Hosting.Execution;
using TraceApp.Hosting.Servers;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Hosting.Servers;

/// <summary>nats-server reads its credentials from an owner-only file, so the password never shows in <c>ps</c>.</summary>
public sealed class NatsCredentialsFileTests
{
    [Fact]
    public async Task The_password_is_in_an_owner_only_file_not_on_the_command_line_and_clients_connect_with_it()
    {
        var directory = DataDirectory.CreateTemporary("traceapp-nats-auth-");
        try
        {
            const string password = "p\"a\\ss w:rd$";
            var settings = new NatsServerSettings(FreePort.Next(), FreePort.Next(), "traceapp", password, JetStreamDirectory: null);
            var spec = NatsServerCommand.Create("nats", settings, directory.FullName);
            await using var server = ManagedProcess.Start(spec);

            await ServerTestSupport.WaitUntilHealthyAsync(ct => NatsHealthProbe.CheckAsync("127.0.0.1", settings.Port, settings.User, password, ct));

            Assert.DoesNotContain(spec.Arguments, a => a.Contains("p\"a", StringComparison.Ordinal));
            Assert.DoesNotContain("--pass", spec.Arguments);
            var file = Path.Combine(directory.FullName, "auth.conf");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            await Assert.ThrowsAnyAsync<Exception>(() =>
                NatsHealthProbe.CheckAsync("127.0.0.1", settings.Port, settings.User, "wrong", CancellationToken.None));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
