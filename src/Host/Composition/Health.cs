using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Commerce.Host.Composition;

/// /health/live: the process answers. /health/ready: PostgreSQL answers (else 503); RabbitMQ down
/// only degrades it (still 200), since commands are stored and relayed when the broker is back.
public static class Health
{
    public static void AddHealth(this WebApplicationBuilder builder)
    {
        var postgres = builder.Configuration.PostgresConnectionString();
        builder.Services.AddHealthChecks()
            .AddCheck("postgres", new PostgresHealthCheck(postgres), HealthStatus.Unhealthy, ["ready"]);
    }

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = Write,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
    }

    static Task Write(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            duration_ms = (int)report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.Message,
                duration_ms = (int)e.Value.Duration.TotalMilliseconds,
            }),
        });
    }

    internal sealed class PostgresHealthCheck(string connectionString) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(timeout.Token);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(timeout.Token);
                return HealthCheckResult.Healthy("PostgreSQL answers.");
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", e);
            }
        }
    }
}
