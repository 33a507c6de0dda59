using Microsoft.Extensions.Configuration;

namespace Commerce.BuildingBlocks.Messaging;

/// Where RabbitMQ is; every value can come from appsettings.json or RabbitMq__* variables.
public sealed class RabbitMqSettings
{
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// The management API (queue counts, dead-letter replay); by default port 15672 of the broker's host.
    public string? ManagementUrl { get; set; }

    // With a trailing slash, so a path prefix (a proxy's /rabbitmq/) is kept when routes are appended.
    public Uri ManagementApi => new((ManagementUrl ?? $"http://{Host}:15672").TrimEnd('/') + "/");

    public static RabbitMqSettings From(IConfiguration configuration) =>
        configuration.GetSection("RabbitMq").Get<RabbitMqSettings>() ?? new RabbitMqSettings();
}
