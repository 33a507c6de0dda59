using Commerce.BuildingBlocks.Commands;
using JasperFx.Events;
using MassTransit;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;
using DocumentAlreadyExistsException = JasperFx.DocumentAlreadyExistsException;

namespace Commerce.BuildingBlocks.Messaging;

/// The one definition of "another writer got there first" (a stream or document moved on, a stream or
/// document was created meanwhile, a lock was held too long, PostgreSQL chose this transaction as a
/// deadlock or serialization victim), and the one retry for it: running the work again decides on
/// fresh state. Anything else (a domain error, a malformed message) would fail the same way again.
public static class Conflicts
{
    public static bool IsConflict(Exception exception) => exception switch
    {
        // A second insert of the same command's record is a repeat, not a race: the first result is
        // the answer (CommandGateway), and running it again would only collide again.
        DocumentAlreadyExistsException { DocumentType: var type } => type != typeof(ProcessedCommand),
        JasperFx.ConcurrencyException or MassTransit.ConcurrencyException
            or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
            or Marten.Exceptions.StreamLockedException => true,
        // deadlock_detected, serialization_failure
        PostgresException { SqlState: "40P01" or "40001" } => true,
        // A stream started twice at once, or one version appended twice: with the event tables
        // partitioned (archived streams) Marten no longer recognises these unique violations by their
        // constraint names, so they reach here as they are.
        PostgresException { SqlState: "23505", TableName: { } table }
            when table.StartsWith("mt_streams", StringComparison.Ordinal) || table.StartsWith("mt_events", StringComparison.Ordinal) => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsConflict),
        { InnerException: { } inner } => IsConflict(inner),
        _ => false,
    };

    /// The one retry: a lost race runs again where the work runs, in Wolverine (for an HTTP command and
    /// for every RabbitMQ consumer, which hands its message to Wolverine), with these rounds; what
    /// outlasts them is a 409 over HTTP, or goes to the consumer's error queue. Consumers add no retry
    /// of their own, so the rounds never multiply.
    public static void RetryWhereTheWorkRuns(WolverineOptions options) =>
        options.Policies.OnException(IsConflict).RetryWithCooldown([.. Intervals.Select(ms => TimeSpan.FromMilliseconds(ms))]);

    /// The rounds (ms). The checkout saga, MassTransit's own, runs the same rounds for any failure but
    /// an unreachable database, since running a message again is how it re-sends a command whose send
    /// failed after its state was saved.
    public static readonly int[] Intervals = [20, 50, 100, 250, 500, 1000, 2000, 5000];
}
