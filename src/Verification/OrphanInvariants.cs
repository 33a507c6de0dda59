using Commerce.Inventory;
using Commerce.Payments;
using static Commerce.Verification.Wording;

namespace Commerce.Verification;

/// Money or stock held for an order that Orders never heard of, once it has been quiet for the quiet
/// period. A scoped run only looks at its own order ids.
public static class OrphanInvariants
{
    public static IEnumerable<Violation> Check(WriteSide data, VerificationScope scope, DateTimeOffset now, TimeSpan quiet)
    {
        bool InScope(string id) => scope.IsEverything || scope.OrderIds?.Contains(id) == true;
        foreach (var (id, payment) in data.Payments.Where(p => !data.Orders.ContainsKey(p.Key) && InScope(p.Key)))
        {
            if (payment.State is { Status: PaymentStatus.Charged, DueCall: null } && payment.LastAt + quiet < now)
                yield return new("orphan_charge", id, $"charged {Money(payment.State.Amount, payment.State.Currency)} for an order that does not exist");
        }
        foreach (var (id, reservation) in data.Reservations.Where(r => !data.Orders.ContainsKey(r.Key) && InScope(r.Key)))
        {
            if (reservation.State.Status is OrderReservationStatus.Reserved or OrderReservationStatus.Committed && reservation.LastAt + quiet < now)
                yield return new("orphan_stock", id, $"{(reservation.State.Status == OrderReservationStatus.Reserved ? "holds" : "sold")} " +
                    $"{Lines(reservation.State.Lines)} for an order that does not exist");
        }
    }
}
