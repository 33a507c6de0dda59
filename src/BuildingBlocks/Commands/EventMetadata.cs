namespace Commerce.BuildingBlocks.Commands;

/// Header names carried from the HTTP edge through Wolverine to each event's metadata.
public static class EventMetadata
{
    public const string UserIdHeader = "user-id";
    public const string SchemaVersionHeader = "schema-version";
    public const string CorrelationHttpHeader = "X-Correlation-Id";
    public const string UserHttpHeader = "X-User-Id";
    public const int SchemaVersion = 1;
}
