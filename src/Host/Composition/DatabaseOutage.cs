using Commerce.BuildingBlocks.Http;
using MassTransit;

namespace Commerce.Host.Composition;

/// How long a consumer waits out an unreachable PostgreSQL: about ten minutes, backing off to 30 s
/// between attempts, before the message is given up to its error queue.
public static class DatabaseOutage
{
    public static void Retry(IRetryConfigurator retry)
    {
        retry.Handle<Exception>(ProblemDetailsMapping.IsDatabaseUnavailable);
        retry.Exponential(25, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2));
    }
}
