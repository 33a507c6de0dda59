using Commerce.Inventory;
using Commerce.Orders;
using Commerce.Orders.Checkout;
using Commerce.Payments;
using static Commerce.Verification.Wording;

namespace Commerce.Verification;

public sealed record OrderCheck(IReadOnlyList<Violation> Violations, int Settled, int InFlight);

/// Each order against what the other modules did for it. A checkout in flight is not a violation, so
/// an order is only checked once it has settled:
///   1. its checkout has ended (the saga is Confirmed or Cancelled),
///   2. its payment owes the gateway nothing (no charge or refund call still due), and
///   3. nothing about it was written for the quiet period: its newest event in any module and its
///      checkout's last step are older than that (compensations travel over RabbitMQ with retries).
/// Until then it counts as in flight, unless it is stuck: a checkout whose deadline passed more than
/// the quiet period ago without the deadline service moving it on, or an order older than the quiet
/// period that no checkout ever picked up.
public static class OrderInvariants
{
    public static OrderCheck Check(WriteSide data, VerificationScope scope, DateTimeOffset now, TimeSpan quiet)
    {
        var violations = new List<Violation>();
        var (settled, inFlight) = (0, 0);
        foreach (var (id, order) in data.Orders)
        {
            var checkout = data.Checkouts.GetValueOrDefault(id);
            var payment = data.Payments.GetValueOrDefault(id);
            var reservation = data.Reservations.GetValueOrDefault(id);
            if (checkout is null && !Decided(order.State))
            {
                var placedAt = order.Events[0].Timestamp;
                if (placedAt + quiet < now) violations.Add(new("no_checkout", id, $"placed {Ago(placedAt, now)}, but no checkout started"));
                else inFlight++;
                continue;
            }
            if (checkout is { HasEnded: false })
            {
                if (checkout.DeadlineAt is { } due && due + quiet < now)
                    violations.Add(new("checkout_stuck", id, $"the checkout is {checkout.CurrentState} and its {checkout.DeadlineStep} deadline passed {Ago(due, now)}"));
                else inFlight++;
                continue;
            }
            DateTimeOffset?[] activity = [order.LastAt, payment?.LastAt, reservation?.LastAt, checkout?.Steps.LastOrDefault()?.At];
            if (payment?.State.DueCall is not null || activity.Max() + quiet > now)
            {
                inFlight++;
                continue;
            }
            settled++;
            violations.AddRange(Settled(id, order.State, checkout?.CurrentState ?? EndedAs(order.State), payment?.State, reservation?.State));
        }
        violations.AddRange(OrphanInvariants.Check(data, scope, now, quiet));
        return new OrderCheck(violations, settled, inFlight);
    }

    // A finished checkout's instance is deleted after its retention (Retention): an order its checkout
    // decided says on its own stream how it ended, and the rest is checked against that.
    static bool Decided(Order order) => order.Status is OrderStatus.Confirmed or OrderStatus.Shipped or OrderStatus.Cancelled;

    static string EndedAs(Order order) => order.Status == OrderStatus.Cancelled ? CheckoutEnds.Cancelled : CheckoutEnds.Confirmed;

    static IEnumerable<Violation> Settled(string id, Order order, string checkout, Payment? payment, OrderReservation? reservation)
    {
        switch (order.Status)
        {
            case OrderStatus.Confirmed or OrderStatus.Shipped:
                if (checkout != CheckoutEnds.Confirmed) yield return new("checkout_disagrees", id, $"the order is {Status(order)}, but its checkout ended {checkout}");
                if (payment is not { Status: PaymentStatus.Charged, RefundReason: null })
                    yield return new("confirmed_without_charge", id, $"the order is {Status(order)}, but its payment is {Describe(payment)}");
                else if (payment.Amount != order.Total || payment.Currency != order.Currency)
                    yield return new("confirmed_without_charge", id, $"charged {Money(payment.Amount, payment.Currency)} for a total of {Money(order.Total, order.Currency)}");
                if (reservation is not { Status: OrderReservationStatus.Committed })
                    yield return new("confirmed_without_stock", id, $"the order is {Status(order)}, but its stock reservation is {Describe(reservation)}");
                else if (Lines(reservation.Lines) != Lines(order))
                    yield return new("confirmed_without_stock", id, $"committed {Lines(reservation.Lines)}, but ordered {Lines(order)}");
                break;
            case OrderStatus.Cancelled:
                if (checkout != CheckoutEnds.Cancelled) yield return new("checkout_disagrees", id, $"the order is cancelled, but its checkout ended {checkout}");
                if (payment is { Status: PaymentStatus.Charged })
                    yield return new("cancelled_with_charge", id, $"charged {Money(payment.Amount, payment.Currency)} and not refunded" +
                        (payment.RefundReason is null ? "" : " (a refund was asked for)"));
                if (reservation is { Status: OrderReservationStatus.Reserved or OrderReservationStatus.Committed })
                    yield return new("cancelled_with_stock", id, reservation.Status == OrderReservationStatus.Reserved
                        ? $"still holds {Lines(reservation.Lines)}" : $"its stock was sold: {Lines(reservation.Lines)}");
                break;
            default:
                yield return new("checkout_disagrees", id, $"the order is {Status(order)}, but its checkout ended {checkout}");
                break;
        }
    }
}
