using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;

namespace Commerce.BuildingBlocks.Commands;

/// Our one command middleware: a handler that asks for a <see cref="CommandScope"/> gets it opened
/// before it runs (after validation), in the chain's own session, from the command and its envelope.
public sealed class CommandScopePolicy : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.Handlers.Any(h => h.Method.GetParameters().Any(p => p.ParameterType == typeof(CommandScope)))))
        {
            var open = typeof(CommandScope).GetMethod(nameof(CommandScope.Open))!.MakeGenericMethod(chain.MessageType);
            chain.Middleware.Add(new MethodCall(typeof(CommandScope), open));
        }
    }
}
