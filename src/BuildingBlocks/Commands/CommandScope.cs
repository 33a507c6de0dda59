using System.Globalization;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Privacy;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Marten;

namespace Commerce.BuildingBlocks.Commands;

/// What the command middleware (<see cref="CommandScopePolicy"/>) hands every command handler: the time
/// the command is decided at, and the one way to append what it decided. Opening it stamps the
/// session's events with the acting user and schema version; accepting checks the expected version,
/// appends, and records the command's first result in the same session, so the same transaction.
public sealed class CommandScope
{
    // What the HTTP edge (CommandGateway) passes beside the command, so no command is rewritten.
    public const string CommandIdHeader = "command-id";
    public const string FingerprintHeader = "command-fingerprint";
    public const string ExpectedVersionHeader = "expected-version";

    readonly IDocumentSession session;
    readonly string? commandId;
    readonly string? fingerprint;
    readonly string commandType;
    readonly long? expectedVersion;
    readonly TimeProvider clock;
    readonly PersonalData personal;
    readonly Dictionary<string, CustomerKey> keys = [];
    DateTimeOffset? now;

    CommandScope(IDocumentSession session, object message, string? commandId, string? fingerprint, long? expectedVersion, TimeProvider clock,
        PersonalData personal)
    {
        this.session = session;
        this.personal = personal;
        this.commandId = commandId;
        this.fingerprint = fingerprint;
        this.expectedVersion = expectedVersion;
        this.clock = clock;
        commandType = message.GetType().Name;
    }

    // Read when the handler first asks, after its stream is loaded: a handler that waited for a lock
    // decides after the write it waited for, so a stream's timestamps never go backwards.
    public DateTimeOffset Now => now ??= clock.GetUtcNow();

    public static async Task<CommandScope> Open<T>(T message, IDocumentSession session, IMessageContext context, TimeProvider clock,
        PersonalData personal, IOptions<MasterKey> master, CancellationToken ct) where T : notnull
    {
        var headers = context.Envelope?.Headers;
        string? Header(string name) => headers?.TryGetValue(name, out var value) == true && !string.IsNullOrEmpty(value) ? value : null;

        var command = message as ICommand;
        var id = command is null ? null : command.CommandId ?? Header(CommandIdHeader);
        var fingerprint = id is null ? null : Header(FingerprintHeader)
            ?? CommandFingerprint.Of(command!, Header(EventMetadata.UserIdHeader), master.Value.Derive(CommandFingerprint.Purpose));
        var expected = (message as IVersionedCommand)?.ExpectedVersion
            ?? (long.TryParse(Header(ExpectedVersionHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null);
        var scope = new CommandScope(session, message, id, fingerprint, expected, clock, personal);
        var address = Header(EventMetadata.ClientAddressHeader);
        // A user who is also staff acts as staff on the stores that keep no customer keys.
        if (address is not null && Header(EventMetadata.PersonalAddressOfHeader) is { } customer && personal.SealsIn(session))
            address = await scope.Seal(customer, address, ct);
        EventMetadata.Stamp(session, Header(EventMetadata.UserIdHeader), address);
        return scope;
    }

    /// Seals a customer's personal value under their key, read (or made) in this command's own session:
    /// a key made for a command that is refused is never written.
    public async Task<string> Seal<TValue>(string customer, TValue value, CancellationToken ct)
    {
        if (!keys.TryGetValue(customer, out var key)) keys[customer] = key = await personal.KeyFor(customer, session, ct);
        return PersonalData.Seal(key, value);
    }

    public CommandResult Accept<T>(IEventStream<T> stream, Events events) where T : class
    {
        var startingVersion = stream.StartingVersion ?? 0;
        if (expectedVersion is { } expected && expected != startingVersion)
        {
            throw new StaleVersionException($"'{stream.Key}' is at version {startingVersion}, not {expected}. Read it again and retry.");
        }
        stream.AppendMany(events);
        return Record(stream.Key!, startingVersion, stream.Events);
    }

    // Versions follow the version the stream was loaded at (the append fails if it moved on); the
    // timestamp is when the command was accepted.
    CommandResult Record(string streamKey, long startingVersion, IReadOnlyList<IEvent> appended)
    {
        var result = new CommandResult("accepted", streamKey, startingVersion + appended.Count,
            [.. appended.Select((e, i) => new AcceptedEvent(e.Id.ToString(), e.EventType.Name, streamKey, startingVersion + i + 1, Now))])
        {
            LastAppended = appended.Count > 0 ? appended[^1] : null,
        };
        if (commandId is not null)
        {
            session.Insert(new ProcessedCommand { Id = commandId, Fingerprint = fingerprint!, CommandType = commandType, Result = result });
        }
        return result;
    }
}
