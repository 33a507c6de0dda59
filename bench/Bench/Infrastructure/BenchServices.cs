using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Testing;
using Npgsql;

namespace Commerce.Bench.Infrastructure;

/// The bench's own database and RabbitMQ virtual host, made at the start and dropped at the end, as the
/// tests do; a start also drops what a killed bench left behind.
public sealed class BenchServices() : RunServices(BenchPrefix)
{
    const string BenchPrefix = "commerce_bench_";

    /// PostgreSQL here allows 100 connections for everyone on the machine (other test runs hold up to
    /// half of them), and Marten gives every store a pool of its own (the host has four: three module
    /// stores and Wolverine's), so every pool of the bench and of the host it starts is capped:
    /// 64 writers queue for 10 connections.
    public const int PoolSize = 10;

    public override string ConnectionString => WithDatabase(AdminConnectionString);

    public string WithDatabase(string connectionString, int maxPoolSize = PoolSize) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = Name, MaxPoolSize = maxPoolSize, Timeout = 15, CommandTimeout = 120 }.ConnectionString;

    public override async Task CreateAsync()
    {
        await DropLeftovers();
        await base.CreateAsync();
    }

    // Only ours, and only those older than two hours: a bench running elsewhere on this machine stays.
    static async Task DropLeftovers()
    {
        var cutoff = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        bool Stale(string name) => name.StartsWith(BenchPrefix, StringComparison.Ordinal)
            && long.TryParse(name[BenchPrefix.Length..].Split('_')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var made) && made < cutoff;

        var databases = new List<string>();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var list = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{BenchPrefix}%'", connection);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) databases.Add(reader.GetString(0));
        }
        foreach (var db in databases.Where(Stale)) await Sql(AdminConnectionString, $"DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)");
        using var http = RabbitApi();
        var vhosts = await http.GetFromJsonAsync<JsonElement>("api/vhosts");
        foreach (var vhost in vhosts.EnumerateArray().Select(v => v.GetProperty("name").GetString()!).Where(Stale))
        {
            await http.DeleteAsync($"api/vhosts/{vhost}");
        }
    }

    public static async Task<T> Scalar<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }
}
