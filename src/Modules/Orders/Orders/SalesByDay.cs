using System.Globalization;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Queries;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace Commerce.Orders;

/// Confirmed sales per UTC day and currency: an async projection (Marten's daemon, checkpointed),
/// since it gathers events from every order stream.
public sealed record SalesDay(string Id, DateOnly Date, string Currency, decimal Revenue, int OrderCount, int Items)
{
    public static string KeyOf(DateTimeOffset at, string currency) => $"{DateOnly.FromDateTime(at.UtcDateTime):yyyy-MM-dd}:{currency}";
}

public sealed class SalesByDayProjection : MultiStreamProjection<SalesDay, string>
{
    public SalesByDayProjection()
    {
        Identity<OrderConfirmed>(e => SalesDay.KeyOf(e.ConfirmedAt, e.Currency));
        // A rebuild reads the archived orders too (Retention).
        IncludeArchivedEvents = true;
    }

    public static SalesDay Create(OrderConfirmed e) =>
        new(SalesDay.KeyOf(e.ConfirmedAt, e.Currency), DateOnly.FromDateTime(e.ConfirmedAt.UtcDateTime), e.Currency, e.Total, 1, e.ItemsCount);

    public static SalesDay Apply(OrderConfirmed e, SalesDay day) =>
        day with { Revenue = day.Revenue + e.Total, OrderCount = day.OrderCount + 1, Items = day.Items + e.ItemsCount };
}

public sealed record SalesDayRow(DateOnly Date, string Currency, decimal Revenue, int OrderCount, int Items);

public sealed record SalesResponse(DateOnly From, DateOnly To, IReadOnlyList<SalesDayRow> Days);

public static class SalesEndpoint
{
    public const int MaxDays = 366;

    [WolverineGet("/api/v1/query/sales"), Tags("Orders"), Authorize(Policy = Policies.Staff)]
    public static async Task<SalesResponse> Get(string from, string to, long? min_sequence, IOrdersStore store, TimeProvider clock, CancellationToken ct)
    {
        var (first, last) = (Date(from, "from"), Date(to, "to"));
        if (last < first) throw new InvalidCommandException("'to' must not be before 'from'.");
        if (last.DayNumber - first.DayNumber >= MaxDays) throw new InvalidCommandException($"Ask for at most {MaxDays} days at once.");
        await ReadYourWrites.AtLeastSequence(store, "SalesDay", min_sequence, clock, ct);
        await using var session = store.QuerySession();
        var days = await session.Query<SalesDay>().Where(d => d.Date >= first && d.Date <= last)
            .OrderBy(d => d.Date).ThenBy(d => d.Currency).ToListAsync(ct);
        return new SalesResponse(first, last, [.. days.Select(d => new SalesDayRow(d.Date, d.Currency, d.Revenue, d.OrderCount, d.Items))]);
    }

    static DateOnly Date(string value, string name) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidCommandException($"'{name}' must be a UTC date such as 2026-11-23.");
}
