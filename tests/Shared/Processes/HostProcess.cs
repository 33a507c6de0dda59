using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Commerce.Testing;

/// src/Host as built, run as a process of its own on a free loopback port and configured by
/// environment variables, as in production: the tests kill it for real, the bench reads its memory.
/// Linked into tests/IntegrationTests and bench/Bench, which build the host with the configuration they
/// run in.
public sealed class HostProcess : IAsyncDisposable
{
    // How often a starting host is asked whether it is ready.
    static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(200);

    readonly Process process;
    readonly StreamWriter log;

    HostProcess(string name, Process process, int port, StreamWriter log, string logPath)
    {
        Name = name;
        this.process = process;
        this.log = log;
        Port = port;
        LogPath = logPath;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Address { get; }

    public string LogPath { get; }

    public int Pid => process.Id;

    public bool Running => !process.HasExited;

    /// Starts the host with these settings (configuration keys, `:` or `__`) and returns once
    /// `readyRoute` answers 200; its output is appended to `logPath`.
    public static async Task<HostProcess> Start(string name, IEnumerable<KeyValuePair<string, string>> settings, string logPath,
        string readyRoute, TimeSpan deadline)
    {
        var port = FreePort();
        var info = HostStartInfo(["--urls", $"http://127.0.0.1:{port}"]);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: true, Encoding.UTF8) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + info.Arguments);
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(name, process, port, log, logPath);
        await host.WaitUntil(readyRoute, deadline);
        return host;
    }

    /// Runs one of the host's commands (`token`, `verify`) to its end, with these settings beside
    /// appsettings.json: its exit code and output.
    public static Task<(int ExitCode, string Output)> RunCommand(IEnumerable<string> arguments, TimeSpan deadline,
        IEnumerable<KeyValuePair<string, string>>? settings = null)
    {
        var info = HostStartInfo(arguments);
        foreach (var (key, value) in settings ?? []) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return RunToEnd(info, deadline);
    }

    /// Runs a process to its end within the deadline: its exit code, standard output and error.
    public static async Task<(int ExitCode, string Output)> RunToEnd(ProcessStartInfo info, TimeSpan deadline)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + info.FileName);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(deadline);
        return (process.ExitCode, await output + await errors);
    }

    static ProcessStartInfo HostStartInfo(IEnumerable<string> arguments)
    {
        var dll = HostDll();
        return new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
    }

    async Task WaitUntil(string readyRoute, TimeSpan deadline)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"Host {Name} exited with {process.ExitCode} at start; see {LogPath}.");
            try
            {
                using var response = await http.GetAsync(new Uri(readyRoute, UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(ReadyPoll);
        }
        throw new TimeoutException($"Host {Name} did not answer {readyRoute} within {deadline}; see {LogPath}.");
    }

    /// SIGKILL: no shutdown hooks, no goodbye to PostgreSQL or RabbitMQ.
    public async Task Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// SIGTERM, so the host stops its daemons and bus cleanly; killed if it has not exited within `grace`.
    public async Task Stop(TimeSpan grace)
    {
        if (process.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])) await term!.WaitForExitAsync();
        using var wait = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            await Kill();
        }
    }

    /// Current and peak resident memory (VmRSS, VmHWM) in MB.
    public (double Rss, double Peak) Memory()
    {
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        double Kb(string key) => double.Parse(status.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            CultureInfo.InvariantCulture) / 1024;
        return (Kb("VmRSS:"), Kb("VmHWM:"));
    }

    /// Kills what is still running (call Stop first for a clean shutdown).
    public async ValueTask DisposeAsync()
    {
        await Kill();
        process.Dispose();
        lock (log) log.Dispose();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ModularMonolith.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("ModularMonolith.sln not found above " + AppContext.BaseDirectory + ".");
    }

    static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The host built with the configuration the caller runs in (bin/<configuration>/net10.0).
    static string HostDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot(), "src", "Host", "bin", configuration, "net10.0", "Commerce.Host.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the solution first ({configuration}): {dll} is missing.");
    }
}
