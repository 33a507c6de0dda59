using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Commerce.Bench.Infrastructure;

/// src/Host as a real process (Kestrel on a free loopback port, configured by environment variables):
/// HTTP numbers then include the real server, and the host's memory is its own (/proc/<pid>/status).
public sealed class HostProcess : IAsyncDisposable
{
    readonly Process process;
    readonly StreamWriter log;
    readonly string logPath;

    HostProcess(Process process, Uri address, StreamWriter log, string logPath)
    {
        this.process = process;
        this.log = log;
        this.logPath = logPath;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => process.Id;

    public static async Task<HostProcess> Start(BenchServices services, IReadOnlyDictionary<string, string> settings)
    {
        var dll = HostDll();
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_URLS"] = address.ToString();
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__Postgres"] = services.ConnectionString;
        info.Environment["RabbitMq__VirtualHost"] = services.Name;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__MassTransit"] = "Warning";
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var logPath = Path.Combine(Path.GetTempPath(), $"{services.Name}-host.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + dll);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, address, log, logPath);
        await host.WaitUntilReady(TimeSpan.FromSeconds(90));
        return host;
    }

    async Task WaitUntilReady(TimeSpan deadline)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The host exited with {process.ExitCode}; see {logPath}");
            try
            {
                if ((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The host did not answer /health/ready within {deadline}; see {logPath}");
    }

    /// Current and peak resident memory (VmRSS, VmHWM) in MB.
    public (double Rss, double Peak) Memory()
    {
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        double Kb(string key) => double.Parse(status.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            CultureInfo.InvariantCulture) / 1024;
        return (Kb("VmRSS:"), Kb("VmHWM:"));
    }

    static string HostDll()
    {
        var root = RepoRoot.Find();
#if DEBUG
        string[] configurations = ["Debug", "Release"];
#else
        string[] configurations = ["Release", "Debug"];
#endif
        return configurations.Select(c => Path.Combine(root, "src", "Host", "bin", c, "net10.0", "Commerce.Host.dll")).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("Build src/Host first (dotnet build ModularMonolith.sln -c Release).");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM lets the host stop its daemons and bus cleanly.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])) await term!.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        // A host that started and stopped leaves no log behind; one that never got ready keeps it (the
        // error names it), since Start throws before anyone can dispose it.
        var stopped = process.HasExited;
        process.Dispose();
        lock (log) log.Dispose();
        if (stopped) File.Delete(logPath);
    }
}
