using System.Security.Claims;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Modules;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Commerce.Operations.Admin;

public sealed record PauseResponse(string Store, string Name, string Status);

/// Pauses and resumes one async projection or relay of a store (its name as the projections route
/// lists it, e.g. OrdersByUser or integration-relay). The pause is kept in the store; the leading host
/// stops the subscription within a second or so and keeps it stopped, across restarts and changes of
/// leader, until it is resumed. A paused relay publishes nothing and a paused projection updates
/// nothing; both resume from their checkpoint, so nothing committed meanwhile is lost.
public static class PauseEndpoints
{
    [WolverinePost("/api/v1/admin/projections/{store}/{name}/pause"), Tags("Admin"), Authorize(Policy = Policies.Admins)]
    public static async Task<PauseResponse> Pause(string store, string name, ModuleStores stores, ClaimsPrincipal caller, TimeProvider clock,
        CancellationToken ct)
    {
        var module = Subscription(stores, store, name);
        await using var session = module.Store.LightweightSession();
        session.Store(new SubscriptionPause(name, clock.GetUtcNow(), caller.FindFirstValue(Access.UserClaim) ?? ""));
        await session.SaveChangesAsync(ct);
        return new PauseResponse(store, name, SubscriptionStatus.Paused);
    }

    [WolverinePost("/api/v1/admin/projections/{store}/{name}/resume"), Tags("Admin"), Authorize(Policy = Policies.Admins)]
    public static async Task<PauseResponse> Resume(string store, string name, ModuleStores stores, CancellationToken ct)
    {
        var module = Subscription(stores, store, name);
        await using var session = module.Store.LightweightSession();
        session.Delete<SubscriptionPause>(name);
        await session.SaveChangesAsync(ct);
        return new PauseResponse(store, name, SubscriptionStatus.Active);
    }

    /// Whether an admin paused this projection or relay (a rebuild would start it again).
    public static async Task<bool> IsPaused(RegisteredStore module, string name, CancellationToken ct)
    {
        await using var session = module.Store.QuerySession();
        return await session.LoadAsync<SubscriptionPause>(name, ct) is not null;
    }

    static RegisteredStore Subscription(ModuleStores stores, string store, string name)
    {
        var module = stores.Named(store);
        var names = SubscriptionNames(module);
        return names.Contains(name, StringComparer.Ordinal) ? module
            : throw new NotFoundException($"{store} has no async projection or relay '{name}'; it has {string.Join(", ", names)}.");
    }

    static IReadOnlyList<string> SubscriptionNames(RegisteredStore module) => [.. module.AsyncShards().Select(s => s.Name).Distinct(StringComparer.Ordinal)];
}
