using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine.Configuration;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace Commerce.BuildingBlocks.Modules;

/// Every handler of a module works in that module's own Marten store (its session, its transaction),
/// so no handler needs an attribute and none can write to another module's schema by accident.
public sealed class ModuleStorePolicy(Assembly module, Type storeType) : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.Handlers.Any(h => h.HandlerType.Assembly == module)))
        {
            chain.UseMartenStore(storeType);
        }
    }
}
