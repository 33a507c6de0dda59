using Commerce.BuildingBlocks.Telemetry;
using Marten;

namespace Commerce.BuildingBlocks.Commands;

/// Header names carried from the HTTP edge through Wolverine to each event's metadata, and the one
/// place that stamps them on a session's events (correlation and causation ids Wolverine sets itself).
public static class EventMetadata
{
    public const string UserIdHeader = "user-id";
    public const string SchemaVersionHeader = "schema-version";
    public const string CorrelationHttpHeader = "X-Correlation-Id";
    /// The caller's IP address as the host saw it (behind a proxy, the proxy's: see the README).
    public const string ClientAddressHeader = "client-address";
    /// Set beside the address when the caller is a customer: their address is their personal data, kept
    /// sealed under their key (CommandScope). Staff addresses are the shop's record of who did what.
    public const string PersonalAddressOfHeader = "client-address-of";
    public const int SchemaVersion = 1;

    public static void Stamp(IDocumentSession session, string? user, string? clientAddress = null)
    {
        session.SetHeader(SchemaVersionHeader, SchemaVersion);
        if (user is not null) session.LastModifiedBy = user;
        if (clientAddress is not null) session.SetHeader(ClientAddressHeader, clientAddress);
        // The span that appends, so the relay that publishes the event continues its trace.
        if (Tracing.Current is { } traceParent) session.SetHeader(Tracing.TraceParentHeader, traceParent);
    }
}
