namespace Commerce.IntegrationTests.Infrastructure;

/// What the test helpers talk to: the in-process host (AppFixture) or a host running as its own
/// process (ProcessApp), over one database and RabbitMQ virtual host.
public interface IAppUnderTest
{
    TestServices Services { get; }

    Task<Reply> Send(HttpMethod method, string route, string? body, string? contentType, IReadOnlyList<(string Name, string Value)> headers);
}
