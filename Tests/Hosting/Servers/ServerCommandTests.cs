using Npgsql;
using TraceApp.Hosting.Servers;

namespace TraceApp.Tests.Hosting.Servers;

/// <summary>Command lines, connection strings and prerequisite checks, without starting servers.</summary>
public sealed class ServerCommandTests
{
    private static readonly PostgresServerSettings Postgres =
        new(5433, "trace user", "pa;ss 'w\"o=rd", "/var/lib/traceapp/pg", "/run/traceapp/pg");

    [Fact]
    public void Nats_connection_string_escapes_user_and_password()
    {
        var settings = new NatsServerSettings(4223, 8223, "trace user", "p@ss:w/rd", null);

        var uri = new Uri(NatsServerCommand.ConnectionString(settings));

        Assert.Equal("nats", uri.Scheme);
        Assert.Equal("127.0.0.1", uri.Host);
        Assert.Equal(4223, uri.Port);
        var userInfo = uri.UserInfo.Split(':');
        Assert.Equal(2, userInfo.Length);
        Assert.Equal("trace user", Uri.UnescapeDataString(userInfo[0]));
        Assert.Equal("p@ss:w/rd", Uri.UnescapeDataString(userInfo[1]));
    }

    [Fact]
    public void Nats_command_enables_JetStream_only_with_a_store_directory()
    {
        var plain = NatsServerCommand.Create("nats", new NatsServerSettings(4223, 8223, "u", "p", null));
        var jetStream = NatsServerCommand.Create("nats", new NatsServerSettings(4223, 8223, "u", "p", "/data/js"));

        Assert.Equal(["-a", "127.0.0.1", "-p", "4223", "-m", "8223", "--user", "u", "--pass", "p"], plain.Arguments);
        Assert.Equal([.. plain.Arguments, "-js", "-sd", "/data/js"], jetStream.Arguments);
        Assert.True(File.Exists(plain.FileName));
    }

    [Fact]
    public void Postgres_connection_string_round_trips_awkward_credentials()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresSetup.ConnectionString(Postgres, "traceapp"));

        Assert.Equal("127.0.0.1", builder.Host);
        Assert.Equal(5433, builder.Port);
        Assert.Equal("trace user", builder.Username);
        Assert.Equal("pa;ss 'w\"o=rd", builder.Password);
        Assert.Equal("traceapp", builder.Database);
    }

    [Fact]
    public void Postgres_command_turns_durability_off_only_for_tests()
    {
        var production = PostgresSetup.CreateServerCommand("postgres", Postgres, forTests: false);
        var tests = PostgresSetup.CreateServerCommand("postgres", Postgres, forTests: true);

        string[] expected = ["-D", Postgres.DataDirectory, "-p", "5433", "-k", Postgres.SocketDirectory, "-c", "listen_addresses=127.0.0.1"];
        Assert.Equal(expected, production.Arguments.TakeLast(expected.Length));
        Assert.Equal(
            [.. expected, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
            tests.Arguments.TakeLast(expected.Length + 6));
        if (Environment.IsPrivilegedProcess)
        {
            Assert.Equal("setpriv", production.FileName); // postgres refuses to run as root.
        }
    }

    [Fact]
    public void Missing_postgres_binaries_name_the_debian_package_in_one_line()
    {
        var error = Assert.Throws<MissingPrerequisiteException>(() => PostgresBinaries.Find("/nonexistent/postgresql/15/bin"));

        Assert.Equal(
            "PostgreSQL 15 binaries not found in /nonexistent/postgresql/15/bin: install the Debian package postgresql-15 (apt-get install -y postgresql-15).",
            error.Message);
        Assert.Equal("postgresql-15", error.DebianPackage);
    }

    [Fact]
    public async Task CreateDatabase_rejects_names_postgres_would_truncate()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => PostgresSetup.CreateDatabaseAsync(Postgres, new string('x', 64), CancellationToken.None));
    }
}
