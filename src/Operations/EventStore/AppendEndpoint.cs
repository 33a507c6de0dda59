using System.Text.Json;
using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.Operations.Admin;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Commerce.Operations.EventStore;

public sealed record AppendedEvent(string EventType, JsonElement Data);

public sealed record AppendRequest(string AggregateId, long? ExpectedVersion, IReadOnlyList<AppendedEvent> Events);

/// The seeds' raw append, for operators: each module says which of its event types may be appended
/// and which command decides each (IRawAppendMap), so an aggregate's rules always apply.
public static class AppendEndpoint
{
    [WolverinePost("/api/v1/events/append"), Tags("Event store"), Authorize(Policy = Policies.Admins)]
    public static Task<IResult> Post(AppendRequest request, HttpContext http, IEnumerable<IRawAppendMap> modules,
        CancellationToken ct)
    {
        if (request.Events is not [{ } e])
            throw new InvalidCommandException("Append one event per request; each goes through its aggregate's rules.");
        // An Idempotency-Key makes a retried append safe; without one each append is a new command.
        var commandId = http.Request.Headers.ContainsKey(CommandGateway.IdempotencyKeyHeader) ? null : $"append-{Guid.NewGuid()}";
        var append = new RawAppend(request.AggregateId, request.ExpectedVersion, e.EventType, e.Data, commandId);
        return modules.Select(m => m.Append(append, http, ct)).FirstOrDefault(answer => answer is not null)
            ?? throw new InvalidCommandException($"Event type '{e.EventType}' cannot be appended from outside; accepted: " +
                $"{string.Join(", ", modules.SelectMany(m => m.EventTypes))}.");
    }
}
