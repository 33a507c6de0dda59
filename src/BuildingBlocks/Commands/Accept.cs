using JasperFx.Events;
using Marten;
using Commerce.BuildingBlocks.Errors;
using Wolverine;

namespace Commerce.BuildingBlocks.Commands;

/// The last step of every command handler: append the decided events, record the command's first
/// result in the same session (so the same transaction), and answer with what was appended.
public static class Accept
{
    public static CommandResult Append<T>(IDocumentSession session, IMessageContext context, ICommand command,
        IEventStream<T> stream, DateTimeOffset now, params IReadOnlyList<object> events) where T : class
    {
        if (command is IVersionedCommand { ExpectedVersion: { } expected } && expected != (stream.StartingVersion ?? 0))
        {
            throw new StaleVersionException(
                $"'{stream.Key}' is at version {stream.StartingVersion ?? 0}, not {expected}. Read it again and retry.");
        }
        EventMetadata.Stamp(session, EventMetadata.UserOf(context));
        stream.AppendMany(events);
        return Record(session, command, stream.Key!, stream.StartingVersion ?? 0, stream.Events, now);
    }

    public static CommandResult StartStream<T>(IDocumentSession session, IMessageContext context, ICommand command,
        string streamKey, DateTimeOffset now, params object[] events) where T : class
    {
        EventMetadata.Stamp(session, EventMetadata.UserOf(context));
        var action = session.Events.StartStream<T>(streamKey, events);
        return Record(session, command, streamKey, 0, action.Events, now);
    }

    // Versions follow the version the stream was loaded at (the append fails if it moved on);
    // the timestamp is when the command was accepted.
    static CommandResult Record(IDocumentSession session, ICommand command, string streamKey, long startingVersion,
        IReadOnlyList<IEvent> appended, DateTimeOffset now)
    {
        var result = new CommandResult("accepted", streamKey, startingVersion + appended.Count,
            appended.Select((e, i) => new AcceptedEvent(e.Id.ToString(), e.EventType.Name, streamKey, startingVersion + i + 1, now)).ToList())
        {
            LastAppended = appended.Count > 0 ? appended[^1] : null,
        };
        if (command.CommandId is { } id)
        {
            session.Insert(new ProcessedCommand
            {
                Id = id, Fingerprint = CommandFingerprint.Of(command), CommandType = command.GetType().Name, Result = result,
            });
        }
        return result;
    }
}
