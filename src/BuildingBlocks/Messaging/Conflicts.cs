using Commerce.BuildingBlocks.Commands;
using JasperFx.Events;
using MassTransit;
using Npgsql;
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
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsConflict),
        { InnerException: { } inner } => IsConflict(inner),
        _ => false,
    };

    /// Every RabbitMQ consumer retries a lost race with these rounds; what outlasts
    /// them goes to the error queue. An unreachable database is left to the bus-wide outage retry
    /// (MassTransit lets the retry closest to the exception decide, so handling it here would fault
    /// the message after these few seconds).
    public static void Retry(IRetryConfigurator retry)
    {
        retry.Handle<Exception>(IsConflict);
        retry.Intervals(Intervals);
    }

    /// The rounds (ms): the checkout saga uses them for any failure, since running a message again is
    /// how it re-sends a command whose send failed after its state was saved.
    public static readonly int[] Intervals = [20, 50, 100, 250, 500, 1000, 2000, 5000];
}
