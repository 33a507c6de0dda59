using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Wolverine;

namespace Commerce.BuildingBlocks.Commands;

/// The HTTP side of every command: takes the id from the body or the Idempotency-Key header, answers
/// a repeat with the stored first result, and otherwise invokes the module's handler on the bus.
public sealed class CommandGateway(IMessageBus bus)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    static T WithHttpInputs<T>(T command, HttpContext http) where T : class, ICommand
    {
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (command.CommandId is null && key.Length > 0)
        {
            command = Set(command, nameof(ICommand.CommandId), key);
        }
        if (command is IVersionedCommand { ExpectedVersion: null } && IfMatchVersion(http) is { } version)
        {
            command = Set(command, nameof(IVersionedCommand.ExpectedVersion), (long?)version);
        }
        return command;
    }

    public async Task<IResult> Send<TCommand>(IDocumentStore store, TCommand request, HttpContext http, CancellationToken ct,
        Func<CommandResult, string>? location = null) where TCommand : class, ICommand
    {
        var command = WithHttpInputs(request, http);
        if (await Stored(store, command, ct) is { } repeat) return Answer(repeat, location);
        var options = new DeliveryOptions
        {
            CorrelationId = Correlation.Of(http),
            CausationId = command.CommandId,
        };
        options.Headers[EventMetadata.UserIdHeader] = UserOf(http, command);
        try
        {
            var result = await bus.InvokeAsync<CommandResult>(command, options, ct);
            return Answer(await WithSequence(store, result, ct), location);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            // The same command id raced in on another request and won: answer with its result.
            return Answer(await Stored(store, command, ct) ?? throw new InvalidOperationException("Lost a race to a command that left no result."), location);
        }
    }

    static async Task<CommandResult?> Stored(IDocumentStore store, ICommand command, CancellationToken ct)
    {
        if (command.CommandId is not { } id) return null;
        await using var session = store.QuerySession();
        var processed = await session.LoadAsync<ProcessedCommand>(id, ct);
        if (processed is null) return null;
        return processed.Fingerprint == CommandFingerprint.Of(command)
            ? await WithSequence(store, processed.Result, ct)
            : throw new IdempotencyKeyReusedException(id);
    }

    // The store's sequence of the last appended event exists only once the events are committed, so
    // the first result is stored without it. The first answer takes it from the appended event (Marten
    // sets it as the commit returns); a repeat, rare, reads it from the event log.
    static async Task<CommandResult> WithSequence(IDocumentStore store, CommandResult result, CancellationToken ct)
    {
        if (result.Sequence is not null || result.Events.Count == 0) return result;
        if (result.LastAppended is { Sequence: > 0 } appended) return result with { Sequence = appended.Sequence };
        await using var session = store.QuerySession();
        var sequence = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey == result.AggregateId && e.Version == result.Version)
            .Select(e => e.Sequence).FirstOrDefaultAsync(ct);
        return result with { Sequence = sequence };
    }

    static IResult Answer(CommandResult result, Func<CommandResult, string>? location) =>
        location is null ? Results.Accepted(value: result) : Results.Accepted(location(result), result);

    static string UserOf(HttpContext http, ICommand command)
    {
        var header = http.Request.Headers[EventMetadata.UserHttpHeader].ToString();
        if (header.Length > 0) return header;
        var userId = command.GetType().GetProperty("UserId")?.GetValue(command) as string;
        return string.IsNullOrEmpty(userId) ? "anonymous" : userId;
    }

    static long? IfMatchVersion(HttpContext http)
    {
        var raw = http.Request.Headers[HeaderNames.IfMatch].ToString().Trim().Trim('"').Replace("W/", "", StringComparison.Ordinal).Trim('"');
        return long.TryParse(raw, out var version) ? version : null;
    }

    // Commands are positional records; `with` is not available generically, so copy through the
    // compiler-generated clone and set the init-only property.
    static T Set<T>(T command, string property, object? value) where T : class
    {
        var clone = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(command, null)!;
        typeof(T).GetProperty(property)!.SetValue(clone, value);
        return clone;
    }
}
