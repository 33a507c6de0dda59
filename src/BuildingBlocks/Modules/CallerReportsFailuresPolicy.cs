using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.Logging;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;

namespace Commerce.BuildingBlocks.Modules;

/// Our handlers are invoked by an HTTP endpoint or a MassTransit consumer, and both report the
/// failure (problem details with a logged 500, or MassTransit's retry and error-queue logs). Wolverine
/// logging each expected rejection (404, 409) as an error with a stack trace would only be noise.
public sealed class CallerReportsFailuresPolicy : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains) chain.FailureLogLevel = LogLevel.Debug;
    }
}
