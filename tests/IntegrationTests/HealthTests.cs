using Commerce.Host.Composition;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commerce.IntegrationTests;

public sealed class HealthTests
{
    [Fact]
    public async Task postgres_check_is_unhealthy_when_nothing_answers_and_healthy_when_it_does()
    {
        var nobody = new Health.PostgresHealthCheck("Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=2");
        var real = new Health.PostgresHealthCheck(Infrastructure.TestServices.AdminConnectionString);

        Assert.Equal(HealthStatus.Unhealthy, (await nobody.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal(HealthStatus.Healthy, (await real.CheckHealthAsync(new HealthCheckContext())).Status);
    }
}
