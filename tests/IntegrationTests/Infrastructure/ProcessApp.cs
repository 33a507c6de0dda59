using System.Text;
using Commerce.Testing;

namespace Commerce.IntegrationTests.Infrastructure;

/// The built host run as a process of its own (HostProcess, shared with the bench) with the tests'
/// settings, as in production: the crash and two-host tests kill it for real. Its output goes to
/// TestResults/hosts/<run>-<name>.log.
public sealed class ProcessApp : IAppUnderTest, IAsyncDisposable
{
    readonly HostProcess process;
    readonly HttpClient http;

    ProcessApp(HostProcess process, TestServices services)
    {
        this.process = process;
        Services = services;
        http = new HttpClient { BaseAddress = process.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Name => process.Name;

    public int Port => process.Port;

    public TestServices Services { get; }

    public bool Running => process.Running;

    public static async Task<ProcessApp> Start(string name, TestServices services, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var log = Path.Combine(HostProcess.RepositoryRoot(), "TestResults", "hosts", $"{services.Name}-{name}.log");
        var settings = TestSettings.For(services).Concat(overrides ?? new Dictionary<string, string>());
        return new(await HostProcess.Start(name, settings, log, "/health/live", TimeSpan.FromSeconds(90)), services);
    }

    /// SIGKILL: no shutdown hooks, no goodbye to PostgreSQL or RabbitMQ.
    public Task Kill() => process.Kill();

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
        await process.DisposeAsync();
        http.Dispose();
    }
}
