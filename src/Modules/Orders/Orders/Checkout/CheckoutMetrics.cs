using Commerce.BuildingBlocks.Telemetry;
using Marten;
using Marten.Services;

namespace Commerce.Orders.Checkout;

/// Checkouts started, ended (by outcome and reason) and their duration, counted from what Orders' store
/// committed: a checkout starts with OrderPlaced and ends with OrderConfirmed or OrderCancelled, so a
/// retried saga message is never counted twice.
public sealed class CheckoutMetrics : DocumentSessionListenerBase
{
    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents())
        {
            switch (e.Data)
            {
                case OrderPlaced:
                    CommerceMetrics.CheckoutsStarted.Add(1);
                    break;
                case OrderConfirmed confirmed:
                    await Ended(session, commit, confirmed.OrderId, "confirmed", confirmed.ConfirmedAt, token);
                    break;
                case OrderCancelled cancelled:
                    await Ended(session, commit, cancelled.OrderId, "cancelled", cancelled.CancelledAt, token);
                    break;
            }
        }
    }

    static async Task Ended(IDocumentSession session, IChangeSet commit, string orderId, string outcome, DateTimeOffset at, CancellationToken token)
    {
        // The saga ends a checkout in the commit that saves its state; a customer's cancellation does not
        // touch it, so it is read (rare).
        var checkout = commit.Inserted.Concat(commit.Updated).OfType<CheckoutState>().FirstOrDefault(s => s.OrderId == orderId);
        var byCustomer = checkout is null;
        if (checkout is null)
        {
            await using var query = session.DocumentStore.QuerySession();
            checkout = await query.LoadAsync<CheckoutState>(CheckoutKey.For(orderId), token);
        }
        // The failed step names the reason (stock_reservation_failed, payment_declined, timed_out); the
        // reason's text is free and would make a series per order.
        var reason = outcome == "confirmed" ? "" : byCustomer ? "cancelled_by_customer"
            : checkout!.Steps.LastOrDefault(s => s.Detail is not null)?.Step ?? "cancelled";
        CommerceMetrics.CheckoutsEnded.Add(1, CommerceMetrics.Tags(("outcome", outcome), ("reason", reason)));
        if (checkout?.Steps.FirstOrDefault() is { Step: "placed" } placed)
        {
            CommerceMetrics.CheckoutDuration.Record(Math.Max(0, (at - placed.At).TotalSeconds), CommerceMetrics.Tags(("outcome", outcome)));
        }
    }
}
