using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace Commerce.BuildingBlocks.Http;

/// A body of JSON `null` reads as a null command, which Wolverine hands on as is. Every endpoint that
/// takes a body answers it with 400 before the endpoint runs.
public sealed class RequiredBodyPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            if (!chain.HasRequestType || chain.RequestType.IsValueType) continue;
            var check = new MethodCall(typeof(RequiredBodyPolicy), typeof(RequiredBodyPolicy).GetMethod(nameof(Check))!.MakeGenericMethod(chain.RequestType));
            chain.Middleware.InsertRange(0, [check, new MaybeEndWithResultFrame(check.ReturnVariable!)]);
        }
    }

    public static IResult Check<T>(T? body) where T : class =>
        body is null
            ? Results.Problem(statusCode: 400, title: "The request could not be read.", detail: "The body is JSON null; send a JSON object.")
            : WolverineContinue.Result();
}
