using Commerce.BuildingBlocks.Commands;
using Commerce.Inventory;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Commerce.Bench.Rows;

/// Our append path, in the app composed in-process: Inventory's ReceiveStock through Wolverine's bus
/// (validation, FetchForWriting, the decision, Accept: metadata, events, ProcessedCommand, inline
/// ProductStock, one commit), and the same through CommandGateway as the HTTP endpoint calls it
/// (idempotency lookup before, the store sequence added to the answer and the stored result after).
public sealed class OurAppendPath(IServiceProvider services)
{
    readonly IInventoryStore store = services.GetRequiredService<IInventoryStore>();

    public Task<string[]> Products(int count, string prefix) => Infrastructure.BenchProducts.Start(store, count, prefix);

    public async Task<bool> ThroughBus(string productId)
    {
        await using var scope = services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var command = new ReceiveStock($"cmd-{Guid.NewGuid():N}", productId, 1);
        var options = new DeliveryOptions { CorrelationId = Guid.NewGuid().ToString(), CausationId = command.CommandId };
        options.Headers[EventMetadata.UserIdHeader] = "bench";
        await bus.InvokeAsync<CommandResult>(command, options);
        return true;
    }

    public async Task<bool> ThroughGateway(string productId)
    {
        await using var scope = services.CreateAsyncScope();
        var gateway = scope.ServiceProvider.GetRequiredService<CommandGateway>();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var result = await gateway.Send(store, new ReceiveStock($"cmd-{Guid.NewGuid():N}", productId, 1), http, CancellationToken.None);
        return result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status202Accepted };
    }
}
