using System.Diagnostics;
using Npgsql;

namespace Commerce.IntegrationTests.Infrastructure;

/// Stops and starts the PostgreSQL cluster the tests use (found by its port), for outage tests. Needs
/// root and the Debian cluster tools of eng/services.sh; those tests run in their own collection.
public static class Database
{
    public static Task Stop() => Ctl("stop", "-m", "fast");

    public static async Task Start()
    {
        await Ctl("start");
        await Poll.Until(async () =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(TestServices.AdminConnectionString);
                await connection.OpenAsync();
                return true;
            }
            catch (NpgsqlException)
            {
                return false;
            }
        }, up => up, TimeSpan.FromSeconds(60), "PostgreSQL to accept connections");
    }

    static async Task Ctl(string action, params string[] options)
    {
        var port = new NpgsqlConnectionStringBuilder(TestServices.AdminConnectionString).Port;
        var clusters = await Run("pg_lsclusters", "-h");
        var cluster = clusters.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(c => c.Length > 2 && c[2] == port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? throw new InvalidOperationException($"No PostgreSQL cluster on port {port}: {clusters}");
        await Run("pg_ctlcluster", [cluster[0], cluster[1], action, .. options]);
    }

    static async Task<string> Run(string tool, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{tool} could not be started.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }
}
