namespace Commerce.BuildingBlocks.Modules;

/// An admin's pause of one projection or relay of a store (Id: its name, e.g. "OrdersByUser" or
/// "integration-relay"), kept in the store itself so it outlives a restart and a change of leader. The
/// leading host stops the subscription while it exists (SubscriptionPauses); its checkpoint stays
/// where it was, and it resumes from there when the document is deleted.
public sealed record SubscriptionPause(string Id, DateTimeOffset PausedAt, string PausedBy);

/// The seeds' subscription status.
public static class SubscriptionStatus
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Failed = "failed";

    /// Paused by an admin wins; otherwise the daemon's own state: Marten pauses (and retries) a
    /// subscription that keeps failing, which is a failure here.
    public static string Of(bool pausedByAdmin, string? agentStatus, bool hasFailure) =>
        pausedByAdmin ? Paused : agentStatus == "Paused" || hasFailure ? Failed : Active;
}
