using Commerce.BuildingBlocks.Http;
using MassTransit;

namespace Commerce.Host.Composition;

/// How long a consumer waits out an unreachable PostgreSQL: about ten minutes, backing off to 5 s
/// between attempts, before the message is given up to its error queue. Not longer between attempts:
/// a waiting message holds its endpoint's slot, so after the outage the queue moves only when the
/// waiting messages try again, and checkouts would meet their step deadlines first.
public static class DatabaseOutage
{
    public static void Retry(IRetryConfigurator retry)
    {
        retry.Handle<Exception>(ProblemDetailsMapping.IsDatabaseUnavailable);
        retry.Exponential(125, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
    }
}
