using Commerce.Inventory;
using MassTransit;

namespace Commerce.ArchitectureTests.Fixtures;

// A "module" that reaches into Inventory's internals instead of its Contracts.
public static class ReadsAnotherModulesInternals
{
    public static int Available(Product product) => product.Available;
}

// A "contract" that drags a framework package in.
public sealed record ContractWithFrameworkType(string OrderId, IConsumer Consumer);

// An event with a setter.
public sealed class MutableEvent
{
    public string OrderId { get; set; } = "";
}

// Reads the clock instead of taking time from the edge.
public static class ReadsTheClock
{
    public static DateTimeOffset Now() => DateTimeOffset.UtcNow;
    public static DateTime Today() => DateTime.Now;
}

// Features the Host must not hold: an endpoint, a handler, a consumer.
public static class EndpointInTheHost
{
    [Wolverine.Http.WolverineGet("/rogue")]
    public static string Get() => "rogue";
}

public static class EndpointWithAnUnknownPolicy
{
    [Wolverine.Http.WolverineGet("/rogue/policy"), Microsoft.AspNetCore.Authorization.Authorize(Policy = "whoever")]
    public static string Get() => "rogue";
}

public static class EndpointForAdmins
{
    [Wolverine.Http.WolverineGet("/rogue/admins"), Microsoft.AspNetCore.Authorization.Authorize(Policy = Commerce.BuildingBlocks.Http.Policies.Admins)]
    public static string Get() => "fine";
}

public static class HandlerInTheHost
{
    public static void Handle(MutableEvent message) => message.OrderId = "";
}

public sealed class ConsumerInTheHost : IConsumer<MutableEvent>
{
    public Task Consume(ConsumeContext<MutableEvent> context) => Task.CompletedTask;
}

// Loads and appends by hand instead of through the aggregate workflow and CommandScope.
public static class WritesAStreamByHand
{
    public static async Task Handle(ReceiveStock command, Marten.IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<Product>(command.ProductId);
        stream.AppendOne(new StockReceived(command.ProductId, command.Quantity, default));
    }
}
