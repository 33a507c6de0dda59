using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using Commerce.Bench.Infrastructure;
using Npgsql;

namespace Commerce.Bench.Report;

/// What the figures were measured on: the machine, its load, and every version that matters.
public sealed record Machine(int Cores, long MemoryMb, string Os, string Dotnet, string Postgresql, string Rabbitmq, string Erlang,
    IReadOnlyDictionary<string, string> Packages, string LoadAverageAtStart, string Commit)
{
    public static async Task<Machine> Describe(BenchServices services)
    {
        string postgres;
        await using (var connection = new NpgsqlConnection(services.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SHOW server_version", connection);
            postgres = (string)(await command.ExecuteScalarAsync())!;
        }
        using var rabbitApi = BenchServices.RabbitApi();
        var overview = await rabbitApi.GetFromJsonAsync<JsonElement>("api/overview");
        return new Machine(Environment.ProcessorCount, TotalMemoryMb(), OperatingSystem(), RuntimeInformation.FrameworkDescription, postgres,
            overview.GetProperty("rabbitmq_version").GetString() ?? "?", overview.GetProperty("erlang_version").GetString() ?? "?",
            PackageVersions(), LoadAverage(), await MeasuredCommit());
    }

    // The commit measured, and whether the work tree differed from it.
    static async Task<string> MeasuredCommit()
    {
        var head = await Git("rev-parse --short=7 HEAD");
        var changed = await Git("status --porcelain --untracked-files=no");
        return head.Length == 0 ? "?" : changed.Length == 0 ? head : $"{head} with uncommitted changes";
    }

    static async Task<string> Git(string arguments)
    {
        try
        {
            using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", arguments)
                { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot.Find() });
            if (git is null) return "";
            var output = await git.StandardOutput.ReadToEndAsync();
            await git.WaitForExitAsync();
            return git.ExitCode == 0 ? output.Trim() : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    static long TotalMemoryMb()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    static string OperatingSystem()
    {
        var pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        return $"{pretty ?? RuntimeInformation.OSDescription} ({RuntimeInformation.OSDescription.Split(' ').Skip(1).FirstOrDefault()}, {RuntimeInformation.OSArchitecture})";
    }

    static Dictionary<string, string> PackageVersions()
    {
        string[] names = ["Marten", "JasperFx.Events", "Wolverine", "MassTransit", "MassTransit.RabbitMQ:MassTransit.RabbitMqTransport",
            "RabbitMQ.Client", "Npgsql", "HdrHistogram"];
        var versions = new Dictionary<string, string>();
        foreach (var entry in names)
        {
            var (package, assembly) = entry.Contains(':', StringComparison.Ordinal) ? (entry.Split(':')[0], entry.Split(':')[1]) : (entry, entry);
            try
            {
                var loaded = Assembly.Load(assembly);
                var info = loaded.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                    ?? loaded.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version ?? loaded.GetName().Version?.ToString() ?? "?";
                versions[package] = info.Split('+')[0];
            }
            catch (FileNotFoundException)
            {
                versions[package] = "?";
            }
        }
        return versions;
    }
}
