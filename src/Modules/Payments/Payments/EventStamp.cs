using Commerce.BuildingBlocks.Commands;
using Marten;
using Wolverine;

namespace Commerce.Payments;

// What Accept does for HTTP commands: every event carries the schema version and who acted.
internal static class EventStamp
{
    public static void Apply(IDocumentSession session, string? user)
    {
        session.SetHeader(EventMetadata.SchemaVersionHeader, EventMetadata.SchemaVersion);
        if (user is not null) session.LastModifiedBy = user;
    }

    public static string? UserOf(IMessageContext context) =>
        context.Envelope?.Headers.TryGetValue(EventMetadata.UserIdHeader, out var user) == true ? user : null;
}
