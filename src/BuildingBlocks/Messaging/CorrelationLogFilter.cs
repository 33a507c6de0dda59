using Commerce.BuildingBlocks.Telemetry;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Commerce.BuildingBlocks.Messaging;

/// Around every consumer and saga: the message's correlation id in the log scope (and on its span).
public sealed class CorrelationLogFilter<T>(ILogger<CorrelationLogFilter<T>> logger) : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        using var scope = Correlated.Scope(logger, context.Headers.Get<string>(CommerceHeaders.CorrelationId));
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("commerce-correlation");
}
