namespace Commerce.Host.Composition;

public static class Settings
{
    public static string PostgresConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("Postgres")
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set (appsettings.json or ConnectionStrings__Postgres).");
}
