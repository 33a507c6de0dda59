namespace Commerce.Host.Composition;

/// Where RabbitMQ is; every value can come from appsettings.json or RabbitMq__* variables.
public sealed class RabbitMqSettings
{
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
}

public static class Settings
{
    public static string PostgresConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("Postgres")
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set (appsettings.json or ConnectionStrings__Postgres).");

    public static RabbitMqSettings RabbitMq(this IConfiguration configuration) =>
        configuration.GetSection("RabbitMq").Get<RabbitMqSettings>() ?? new RabbitMqSettings();
}
