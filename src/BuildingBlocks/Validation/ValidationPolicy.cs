using FluentValidation;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;

namespace Commerce.BuildingBlocks.Validation;

/// Our one validation middleware: every handler whose message has a FluentValidation validator runs
/// it first; a failure throws ValidationException (400 problem details) and nothing is written.
public sealed class ValidationPolicy : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            if (!container.HasRegistrationFor(typeof(IValidator<>).MakeGenericType(chain.MessageType))) continue;
            var validate = typeof(Validate).GetMethod(nameof(Validate.Message))!.MakeGenericMethod(chain.MessageType);
            chain.Middleware.Insert(0, new MethodCall(typeof(Validate), validate));
        }
    }
}

public static class Validate
{
    public static async Task Message<T>(IValidator<T> validator, T message, CancellationToken cancellation)
    {
        var result = await validator.ValidateAsync(message, cancellation);
        if (!result.IsValid) throw new ValidationException(result.Errors);
    }
}
