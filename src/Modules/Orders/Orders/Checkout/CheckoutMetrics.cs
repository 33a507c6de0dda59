using Commerce.BuildingBlocks.Telemetry;
using Marten;
using Marten.Services;

namespace Commerce.Orders.Checkout;

/// Checkouts started, ended (by outcome and reason) and their duration, counted from what Orders' store
/// committed: a checkout starts with OrderPlaced and ends with OrderConfirmed or OrderCancelled, so a
/// retried saga message is never counted twice. It runs after the commit, so it does no I/O and never
/// throws: a failure here would turn a committed command into an error.
public sealed class CheckoutMetrics(TimeProvider clock) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        try
        {
            foreach (var e in commit.GetEvents())
            {
                switch (e.Data)
                {
                    case OrderPlaced:
                        CommerceMetrics.CheckoutsStarted.Add(1);
                        break;
                    case OrderConfirmed confirmed:
                        Ended(commit, confirmed.OrderId, "confirmed", clock.GetUtcNow());
                        break;
                    case OrderCancelled cancelled:
                        Ended(commit, cancelled.OrderId, "cancelled", clock.GetUtcNow());
                        break;
                }
            }
        }
        catch (Exception)
        {
            // Counting is never worth failing a command for.
        }
        return Task.CompletedTask;
    }

    static void Ended(IChangeSet commit, string orderId, string outcome, DateTimeOffset now)
    {
        // The saga ends a checkout in the commit that saves its state. A cancellation by request (the
        // customer, or an admin's raw append) does not touch it: counted, without a duration.
        var checkout = commit.Inserted.Concat(commit.Updated).OfType<CheckoutState>().FirstOrDefault(s => s.OrderId == orderId);
        // The failed step names the reason (stock_reservation_failed, payment_declined, timed_out); the
        // reason's text is free and would make a series per order.
        var reason = outcome == "confirmed" ? "" : checkout is null ? "cancelled_by_request"
            : checkout.Steps.LastOrDefault(s => s.Detail is not null)?.Step ?? "cancelled";
        CommerceMetrics.CheckoutsEnded.Add(1, CommerceMetrics.Tags(("outcome", outcome), ("reason", reason)));
        // Until the commit that ends it, by this host's clock (the events' own times are other modules'
        // and steps earlier: a confirmation is stamped with the time the charge was answered).
        if (checkout?.Steps.FirstOrDefault() is { Step: "placed" } placed)
        {
            CommerceMetrics.CheckoutDuration.Record(Math.Max(0, (now - placed.At).TotalSeconds), CommerceMetrics.Tags(("outcome", outcome)));
        }
    }
}
