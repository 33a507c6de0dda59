namespace Commerce.BuildingBlocks.Messaging;

/// Headers every integration message carries, so the next event's metadata can be traced back.
public static class CommerceHeaders
{
    public const string CorrelationId = "commerce-correlation-id";
    public const string CausationId = "commerce-causation-id";
    public const string UserId = "commerce-user-id";
    public const string StreamKey = "commerce-stream-key";
    public const string StreamVersion = "commerce-stream-version";
    public const string EventSequence = "commerce-event-sequence";
}
