using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Commerce.IntegrationTests.Infrastructure;

/// The built host (src/Host) run as a process of its own on a port of its own, as in production: the
/// crash and two-host tests kill it for real. Its output goes to TestResults/hosts/<name>.log.
public sealed class HostProcess : IAppUnderTest, IAsyncDisposable
{
    readonly Process process;
    readonly HttpClient http;
    readonly StreamWriter log;

    HostProcess(string name, TestServices services, Process process, int port, StreamWriter log)
    {
        Name = name;
        Services = services;
        this.process = process;
        this.log = log;
        Port = port;
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Name { get; }

    public int Port { get; }

    public TestServices Services { get; }

    public bool Running => !process.HasExited;

    public static async Task<HostProcess> Start(string name, TestServices services, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [HostDll(), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in TestSettings.For(services).Concat(overrides ?? new Dictionary<string, string>()))
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var logs = Path.Combine(RepositoryRoot(), "TestResults", "hosts");
        Directory.CreateDirectory(logs);
        var log = new StreamWriter(Path.Combine(logs, $"{services.Name}-{name}.log"), append: true, Encoding.UTF8) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The host process did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(name, services, process, port, log);
        await Poll.Until(async () => host.Running ? (await host.Send(HttpMethod.Get, "/health/live", null, null, [])).Status : HttpStatusCode.Gone,
            status => status is HttpStatusCode.OK or HttpStatusCode.Gone, TimeSpan.FromSeconds(90), $"host {name} to start");
        if (!host.Running) throw new InvalidOperationException($"Host {name} exited at start; see its log in {logs}.");
        return host;
    }

    /// SIGKILL: no shutdown hooks, no goodbye to PostgreSQL or RabbitMQ.
    public async Task Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async Task<Reply> Send(HttpMethod method, string route, string? body, string? contentType, IReadOnlyList<(string Name, string Value)> headers)
    {
        using var request = new HttpRequestMessage(method, route);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.Remove("Content-Type");
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await http.SendAsync(request);
            return await Reply.From(response);
        }
        catch (HttpRequestException e)
        {
            // Not listening (killed, or not started yet): a status no server sends, for Poll to wait past.
            return new Reply(0, default, new Dictionary<string, string>(), $"{Name} unreachable: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Kill();
        process.Dispose();
        http.Dispose();
        await log.DisposeAsync();
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

    // The host built with the same configuration as these tests (eng/test.sh builds the whole solution).
    static string HostDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot(), "src", "Host", "bin", configuration, "net10.0", "Commerce.Host.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the solution first: {dll} is missing.");
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ModularMonolith.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("ModularMonolith.sln not found above the test assembly.");
    }
}
