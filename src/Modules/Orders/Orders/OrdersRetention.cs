using Commerce.BuildingBlocks.Retention;
using Commerce.BuildingBlocks.Sagas;
using Commerce.Orders.Checkout;
using Marten;
using Npgsql;

namespace Commerce.Orders;

/// Archives the streams of orders that ended (shipped or cancelled, their checkout over) and have had
/// no event for the retention period: Marten moves them to the archived partition of the event table,
/// so the hot one holds open and recent orders only. The read models keep them; the events API shows
/// their events on request (include_archived).
public sealed class EndedOrderArchiving(IOrdersStore store) : IRetentionTask
{
    public string Name => "archived_orders";

    public async Task<int> Run(RetentionOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var ended = await Ended(now - options.ArchiveOrdersAfter, options.BatchSize, ct);
            if (ended.Count == 0) return total;
            await using var session = store.LightweightSession();
            foreach (var orderId in ended) session.Events.ArchiveStream(orderId);
            await session.SaveChangesAsync(ct);
            total += ended.Count;
            if (ended.Count < options.BatchSize) return total;
        }
    }

    // Driven from the live streams (the small, hot partition): an order stream, not archived, whose last
    // event is older than `before`, whose order ended, with no checkout still in flight for it.
    async Task<IReadOnlyList<string>> Ended(DateTimeOffset before, int batch, CancellationToken ct)
    {
        var schema = OrdersModule.Schema;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"SELECT st.id FROM {schema}.mt_streams st JOIN {schema}.mt_doc_ordersummary s ON s.id = st.id " +
            "WHERE NOT st.is_archived AND st.timestamp < @before AND s.data ->> 'Status' = ANY(@ended) " +
            $"AND NOT EXISTS (SELECT 1 FROM {schema}.mt_doc_checkoutstate c WHERE {SagaStates.InFlight(CheckoutEnds.All)} AND c.data ->> 'OrderId' = st.id) " +
            "LIMIT @batch", connection);
        command.Parameters.AddWithValue("before", before);
        command.Parameters.AddWithValue("ended", new[] { OrderStatusNames.Shipped, OrderStatusNames.Cancelled });
        command.Parameters.AddWithValue("batch", batch);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
        return ids;
    }
}

/// Deletes the saga instances of checkouts that ended longer ago than they are kept. A step message
/// that still arrives for one finds no instance and is discarded, as for any checkout it does not know
/// (an OrderPlaced would start one: the README warns against replaying messages that old).
public sealed class EndedCheckoutPruning(IOrdersStore store) : IRetentionTask
{
    public string Name => "ended_checkouts";

    public Task<int> Run(RetentionOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var table = $"{OrdersModule.Schema}.mt_doc_checkoutstate";
        return Batches.Delete(store, table, $"WITH old AS (SELECT id FROM {table} WHERE NOT {SagaStates.InFlight(CheckoutEnds.All)} " +
            $"AND mt_last_modified < @before LIMIT @batch) DELETE FROM {table} t USING old WHERE t.id = old.id",
            now - options.CheckoutsKeptFor, options.BatchSize, ct);
    }
}
