using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Commerce.Bench.Infrastructure;

/// The bench's own database and RabbitMQ virtual host, made at the start and dropped at the end, as the
/// tests do. The name carries the Unix time, so a later run can drop what a killed one left behind.
public sealed class BenchServices
{
    const string Prefix = "commerce_bench_";

    public static readonly string AdminConnectionString =
        Environment.GetEnvironmentVariable("COMMERCE_BENCH_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Database=postgres;Username=commerce;Password=commerce";

    static readonly Uri RabbitManagement = new(Environment.GetEnvironmentVariable("COMMERCE_BENCH_RABBIT_API") ?? "http://127.0.0.1:15672/");

    public string Name { get; } = $"{Prefix}{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}_{Random.Shared.Next(100_000, 999_999)}";

    /// PostgreSQL here allows 100 connections for everyone on the machine (other test runs hold up to
    /// half of them), and Marten gives every store a pool of its own (the host has four: three module
    /// stores and Wolverine's), so every pool of the bench and of the host it starts is capped:
    /// 64 writers queue for 10 connections.
    public const int PoolSize = 10;

    public string ConnectionString => WithDatabase(AdminConnectionString);

    public string WithDatabase(string connectionString, int maxPoolSize = PoolSize) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = Name, MaxPoolSize = maxPoolSize, Timeout = 15, CommandTimeout = 120 }.ConnectionString;

    public async Task CreateAsync()
    {
        await DropLeftovers();
        await Sql(AdminConnectionString, $"CREATE DATABASE \"{Name}\"");
        using var http = RabbitApi();
        (await http.PutAsync($"api/vhosts/{Name}", Json("{}"))).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{Name}/guest", Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // WITH (FORCE) cannot end a backend of another role (an autovacuum worker, say): it ends in a moment.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Sql(AdminConnectionString, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
                break;
            }
            catch (PostgresException e) when (e.SqlState == "42501" && attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
        using var http = RabbitApi();
        await http.DeleteAsync($"api/vhosts/{Name}");
    }

    // Only ours, and only those older than two hours: a bench running elsewhere on this machine stays.
    static async Task DropLeftovers()
    {
        var cutoff = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        bool Stale(string name) => name.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(name[Prefix.Length..].Split('_')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var made) && made < cutoff;

        var databases = new List<string>();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var list = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}%'", connection);
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

    public static async Task Sql(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> Scalar<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

    public static HttpClient RabbitApi()
    {
        var http = new HttpClient { BaseAddress = RabbitManagement };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        return http;
    }

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
