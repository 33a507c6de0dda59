using Commerce.Testing;

namespace Commerce.IntegrationTests.Infrastructure;

/// The database and RabbitMQ virtual host of one test run.
public sealed class TestServices() : RunServices("commerce_test_");
