using System.Globalization;
using System.Security.Claims;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Privacy;
using Commerce.BuildingBlocks.Validation;
using Marten;
using Marten.Events.Archiving;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Wolverine;

namespace Commerce.BuildingBlocks.Commands;

/// The HTTP side of every command: takes the id from the body or the Idempotency-Key header, answers
/// a repeat with the stored first result, and otherwise invokes the module's handler on the bus.
public sealed class CommandGateway(IMessageBus bus, IOptions<MasterKey> master)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// Sends the command to its handler with the HTTP inputs beside it (the Idempotency-Key header, an
    /// If-Match version, the token's user and the caller's address) as envelope headers the command
    /// middleware reads; `complete` fills what the server chooses (a new stream's id) after the repeat
    /// check, so a repeat of the same body still matches.
    public async Task<IResult> Send<TCommand>(IDocumentStore store, TCommand command, HttpContext http, CancellationToken ct,
        Func<CommandResult, string>? location = null, Func<TCommand, TCommand>? complete = null) where TCommand : class, ICommand
    {
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        var id = command.CommandId ?? (key.Length > 0 ? key : null);
        if (CommonRules.CommandIdProblem(id) is { } problem) throw Invalid("command_id", problem);
        var user = UserOf(http);
        command = ActingFor(command, user);
        // The user is part of the fingerprint: another user repeating the id and body is told the id is
        // taken (422), never given the first user's result.
        var fingerprint = CommandFingerprint.Of(command, user, master.Value.Derive(CommandFingerprint.Purpose));
        if (await Stored(store, id, fingerprint, ct) is { } repeat) return Answer(repeat, location);
        var options = new DeliveryOptions
        {
            CorrelationId = Correlation.Of(http),
            CausationId = id,
        };
        options.Headers[EventMetadata.UserIdHeader] = user;
        if (http.Connection.RemoteIpAddress is { } address)
        {
            options.Headers[EventMetadata.ClientAddressHeader] = address.ToString();
            if (http.User.IsInRole(Access.Customer)) options.Headers[EventMetadata.PersonalAddressOfHeader] = user;
        }
        options.Headers[CommandScope.CommandIdHeader] = id!;
        options.Headers[CommandScope.FingerprintHeader] = fingerprint;
        if (command is IVersionedCommand { ExpectedVersion: null } && IfMatchVersion(http) is { } version)
        {
            options.Headers[CommandScope.ExpectedVersionHeader] = version.ToString(CultureInfo.InvariantCulture);
        }
        try
        {
            var result = await bus.InvokeCommandAsync<CommandResult>(complete is null ? command : complete(command), options, ct);
            return Answer(await WithSequence(store, result, ct), location);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            // The same command id raced in on another request and won: answer with its result.
            return Answer(await Stored(store, id, fingerprint, ct) ?? throw new InvalidOperationException("Lost a race to a command that left no result."), location);
        }
    }

    static async Task<CommandResult?> Stored(IDocumentStore store, string? id, string fingerprint, CancellationToken ct)
    {
        if (id is null) return null;
        await using var session = store.QuerySession();
        var processed = await session.LoadAsync<ProcessedCommand>(id, ct);
        if (processed is null) return null;
        return processed.Fingerprint == fingerprint
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
            .Where(e => e.StreamKey == result.AggregateId && e.Version == result.Version && e.MaybeArchived())
            .Select(e => e.Sequence).FirstOrDefaultAsync(ct);
        return result with { Sequence = sequence };
    }

    static IResult Answer(CommandResult result, Func<CommandResult, string>? location) =>
        location is null ? Results.Accepted(value: result) : Results.Accepted(location(result), result);

    // Every command route needs a token (its policy says so), so a missing subject is a host bug.
    static string UserOf(HttpContext http) => http.User.FindFirstValue(Access.UserClaim)
        ?? throw new InvalidOperationException("A command reached the gateway without an authenticated user.");

    // A command that names its user acts for the token's user: the field may be left out, but it may
    // not name someone else.
    static TCommand ActingFor<TCommand>(TCommand command, string user) where TCommand : ICommand
    {
        if (command is not IUserCommand named) return command;
        if (named.UserId is { } sent && sent != user)
            throw new ForbiddenException($"'user_id' must be the token's user ('{user}') or left out; a customer orders for themselves.");
        return (TCommand)named.ForUser(user);
    }

    static long? IfMatchVersion(HttpContext http)
    {
        var raw = http.Request.Headers[HeaderNames.IfMatch].ToString().Trim().Trim('"').Replace("W/", "", StringComparison.Ordinal).Trim('"');
        if (!long.TryParse(raw, out var version)) return null;
        return version >= 0 ? version : throw Invalid("expected_version", $"If-Match: {CommonRules.ExpectedVersionMessage}");
    }

    static InvalidCommandException Invalid(string field, string message) =>
        new(message, new Dictionary<string, string[]> { [field] = [message] });
}
