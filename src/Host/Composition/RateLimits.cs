using System.Threading.RateLimiting;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Commerce.Host.Composition;

/// The "RateLimit" section: a token bucket per caller. Each command takes a token; the bucket holds
/// TokenLimit and gains TokensPerPeriod every ReplenishmentPeriod.
public sealed class RateLimitSettings
{
    public int TokenLimit { get; set; } = 20;
    public int TokensPerPeriod { get; set; } = 10;
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

/// Back-pressure at the door (the seeds' admission control): commands, and the raw append, are limited
/// per user, or per address for a caller without a valid token, before the route's policy is checked,
/// so a flood of anonymous calls is turned away cheaply too. Past the budget: 429 with Retry-After.
/// Queries are not limited.
public static class RateLimits
{
    public const string Commands = "commands";

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("RateLimit").Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Commands, http => RateLimitPartition.GetTokenBucketLimiter(Caller(http), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.TokenLimit,
                TokensPerPeriod = settings.TokensPerPeriod,
                ReplenishmentPeriod = settings.ReplenishmentPeriod,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            // Answered through the one exception mapping, as every other refusal is.
            limiter.OnRejected = (context, _) => throw new TooManyRequestsException(
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.ReplenishmentPeriod);
        });
    }

    /// Which routes spend the budget: every command, and the raw append that runs one.
    public static bool Limits(string route) =>
        route.StartsWith("/api/v1/commands/", StringComparison.Ordinal) || route == "/api/v1/events/append";

    static string Caller(HttpContext http) =>
        http.User.FindFirst(Access.UserClaim)?.Value is { } user ? $"user:{user}" : $"address:{http.Connection.RemoteIpAddress}";
}
