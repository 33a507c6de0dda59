using System.Text.Json;
using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Errors;
using Commerce.Host.Admin;
using Commerce.Orders;
using Wolverine.Http;

namespace Commerce.Host.EventStore;

public sealed record AppendedEvent(string EventType, JsonElement Data);

public sealed record AppendRequest(string AggregateId, long? ExpectedVersion, IReadOnlyList<AppendedEvent> Events);

/// The seeds' raw append, for operators. It is never a way around an aggregate's rules: each event
/// type it accepts is turned into the command that decides it (OrderShipped -> ship-order), so the
/// same checks, idempotency and expected-version conflict (409) apply.
public static class AppendEndpoint
{
    static readonly string[] Accepted = ["OrderShipped", "OrderCancelled"];

    [WolverinePost("/api/v1/events/append"), Tags("Event store")]
    public static Task<IResult> Post(AppendRequest request, HttpContext http, AdminKey admin, CommandGateway gateway, IOrdersStore orders,
        CancellationToken ct)
    {
        admin.Require(http);
        if (request.Events is not [{ } e])
            throw new InvalidCommandException("Append one event per request; each goes through its aggregate's rules.");
        // An Idempotency-Key makes a retried append safe; without one each append is a new command.
        var commandId = http.Request.Headers.ContainsKey(CommandGateway.IdempotencyKeyHeader) ? null : $"append-{Guid.NewGuid()}";
        return e.EventType switch
        {
            "OrderShipped" => gateway.Send(orders,
                new ShipOrder(commandId, request.AggregateId, Field(e, "tracking_number"), request.ExpectedVersion), http, ct),
            "OrderCancelled" => gateway.Send(orders,
                new CancelOrder(commandId, request.AggregateId, Field(e, "reason"), request.ExpectedVersion), http, ct),
            _ => throw new InvalidCommandException($"Event type '{e.EventType}' cannot be appended from outside; accepted: {string.Join(", ", Accepted)}."),
        };
    }

    static string Field(AppendedEvent e, string name) =>
        e.Data.ValueKind == JsonValueKind.Object && e.Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidCommandException($"'{e.EventType}' needs a string '{name}' in its data.");
}
