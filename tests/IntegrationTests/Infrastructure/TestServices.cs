using System.Net.Http.Headers;
using System.Text;
using Npgsql;

namespace Commerce.IntegrationTests.Infrastructure;

/// Makes and removes the database and RabbitMQ virtual host of one test run. Names carry the Unix
/// time they were made, so eng/clean-test-leftovers.sh can remove what a killed run left behind.
public sealed class TestServices
{
    public static readonly string AdminConnectionString =
        Environment.GetEnvironmentVariable("COMMERCE_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Database=postgres;Username=commerce;Password=commerce";

    static readonly Uri RabbitManagement = new(Environment.GetEnvironmentVariable("COMMERCE_TEST_RABBIT_API") ?? "http://127.0.0.1:15672/");

    public string Name { get; } = $"commerce_test_{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}_{Random.Shared.Next(100_000, 999_999)}";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Name }.ConnectionString;

    public async Task CreateAsync()
    {
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        using var http = RabbitApi();
        (await http.PutAsync($"api/vhosts/{Name}", Json("{}"))).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{Name}/guest", Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // FORCE cannot end a backend of another role: an autovacuum worker (likely right after the outage
        // tests restart PostgreSQL) makes it fail for a moment.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
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

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
