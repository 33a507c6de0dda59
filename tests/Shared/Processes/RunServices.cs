using System.Net.Http.Headers;
using System.Text;
using Npgsql;

namespace Commerce.Testing;

/// The database and RabbitMQ virtual host of one run (the tests' or the bench's), made at its start and
/// dropped at its end. Names carry the Unix time they were made, so what a killed run left behind is
/// told by its age and removed (eng/clean-test-leftovers.sh; the bench sweeps its own).
public class RunServices(string prefix)
{
    public static readonly string AdminConnectionString =
        Environment.GetEnvironmentVariable("COMMERCE_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Database=postgres;Username=commerce;Password=commerce";

    public static readonly Uri RabbitManagement = new(Environment.GetEnvironmentVariable("COMMERCE_TEST_RABBIT_API") ?? "http://127.0.0.1:15672/");

    public string Prefix { get; } = prefix;

    public string Name { get; } = $"{prefix}{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}_{Random.Shared.Next(100_000, 999_999)}";

    public virtual string ConnectionString => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Name }.ConnectionString;

    public virtual async Task CreateAsync()
    {
        await Sql(AdminConnectionString, $"CREATE DATABASE \"{Name}\"");
        using var http = RabbitApi();
        (await http.PutAsync($"api/vhosts/{Name}", Json("{}"))).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{Name}/guest", Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // WITH (FORCE) cannot end a backend of another role: an autovacuum worker (likely right after the
        // outage tests restart PostgreSQL) makes it fail for a moment.
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

    public static HttpClient RabbitApi()
    {
        var http = new HttpClient { BaseAddress = RabbitManagement };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        return http;
    }

    public static async Task Sql(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
