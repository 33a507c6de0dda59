using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Commerce.BuildingBlocks.Sagas;
using Commerce.Inventory.Contracts;
using MassTransit;

namespace Commerce.Orders.Checkout;

/// One checkout, persisted in Orders' store (a Marten document with a version for optimistic
/// concurrency). It is kept after it ends: a late charge must still find it, and support staff read it.
/// It is the only writer of the order's checkout steps (CheckoutStockReserved and the like), which it
/// appends to the order's stream in the same transaction as its new state.
public sealed class CheckoutState : SagaStateMachineInstance, ISagaVersion, ISagaHistory
{
    public Guid CorrelationId { get; set; }
    public int Version { get; set; }
    public string CurrentState { get; set; } = "";
    public string OrderId { get; set; } = "";
    public List<StockLine> Lines { get; set; } = [];
    public decimal Total { get; set; }
    public string Currency { get; set; } = "";
    public string? PaymentMethod { get; set; }
    public bool StockHeld { get; set; }
    public bool Charged { get; set; }
    public bool RefundRequested { get; set; }
    public string? FailureReason { get; set; }
    public List<CheckoutStepRecord> Steps { get; set; } = [];

    // Of the request that placed the order: the deadlines fire with them, as every other message of
    // the checkout carries them.
    public string? RequestCorrelationId { get; set; }
    public string? PlacedBy { get; set; }

    // The trace of the request that placed the order, which a deadline continues.
    public string? TraceParent { get; set; }

    // The steps customers see go onto the order's own stream, written with this state in one commit.
    [JsonIgnore] public string HistoryStream => OrderId;
    [JsonIgnore] public List<object> NewHistory { get; } = [];

    /// Confirmed or cancelled: nothing more will happen to the checkout but late messages' compensation.
    [JsonIgnore] public bool HasEnded => CurrentState is CheckoutEnds.Confirmed or CheckoutEnds.Cancelled;

    // The durable timeout: the deadline service fires it, even after a restart.
    public DateTimeOffset? DeadlineAt { get; set; }
    public string? DeadlineStep { get; set; }
    public int Attempt { get; set; }
}

/// How a checkout ends, as its CurrentState names it, for readers outside the state machine (the
/// invariant checker).
public static class CheckoutEnds
{
    public const string Confirmed = nameof(CheckoutStateMachine.Confirmed);
    public const string Cancelled = nameof(CheckoutStateMachine.Cancelled);

    public static readonly IReadOnlyList<string> All = [Confirmed, Cancelled];
}

public sealed record CheckoutStepRecord(string Step, DateTimeOffset At, string? Detail = null);

/// A checkout is keyed by its order id, turned into the Guid MassTransit correlates by.
public static class CheckoutKey
{
    public static Guid For(string orderId) => new(SHA256.HashData(Encoding.UTF8.GetBytes("checkout:" + orderId)).AsSpan(0, 16));
}

/// Fired by the deadline service when a step took too long; stale ones (step or attempt moved on)
/// are ignored.
public sealed record CheckoutDeadlinePassed(string OrderId, string Step, int Attempt, DateTimeOffset At);
