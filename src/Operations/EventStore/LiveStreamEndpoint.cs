using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Modules;
using Commerce.BuildingBlocks.Privacy;
using JasperFx.Events;
using Marten;
using Marten.Events.Archiving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Commerce.Operations.EventStore;

public sealed record LiveEvent(string Module, string Stream, long Version, long Sequence, string Type, DateTimeOffset Timestamp, JsonNode? Data);

/// Every committed event of the three stores as Server-Sent Events, read from the database (any host
/// can serve it; a slow client loses nothing). Each store is read in sequence order up to its high
/// water mark, so an event is sent only once every earlier one of its store is committed. The event
/// id is a position per store ("orders:12,inventory:40,payments:7"): reconnect with Last-Event-ID and
/// the stream goes on from there. Filters: ?types=OrderPlaced,ProductListed&modules=orders,inventory.
public static class LiveStreamEndpoint
{
    static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(250);

    [WolverineGet("/api/v1/events/stream"), Tags("Event store"), Authorize(Policy = Policies.Admins)]
    public static async Task Get(HttpContext http, string? types, string? modules, ModuleStores registered, IOptions<JsonOptions> json,
        PersonalData personal, TimeProvider clock, CancellationToken ct)
    {
        var stores = registered.All.ToDictionary(s => s.Name, s => s.Store);
        var wanted = Split(modules) ?? [.. stores.Keys];
        if (wanted.FirstOrDefault(m => !stores.ContainsKey(m)) is { } unknown)
            throw new InvalidCommandException($"Unknown module '{unknown}'; use {registered.Names}.");
        var typeFilter = Split(types);
        var positions = Positions.Parse(http.Request.Headers["Last-Event-ID"].ToString(), [.. stores.Keys]);

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.WriteAsync(": commerce event stream\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var sent = 0;
                foreach (var module in wanted)
                {
                    var page = await NextPage(stores[module], positions[module], ct);
                    // Personal values are opened per page, with one read of their customers' keys.
                    var data = page.Select(e => JsonSerializer.SerializeToNode(e.Data, e.EventType, json.Value.SerializerOptions)).ToList();
                    await personal.RevealIn([.. page.Zip(data).SelectMany(p =>
                        PersonalData.SealedIn(p.First.EventType, p.Second, null, json.Value.SerializerOptions))], ct);
                    foreach (var (e, revealed) in page.Zip(data))
                    {
                        positions[module] = e.Sequence;
                        if (typeFilter is not null && !typeFilter.Contains(e.EventType.Name)) continue;
                        var live = new LiveEvent(module, e.StreamKey ?? "", e.Version, e.Sequence, e.EventType.Name, e.Timestamp, revealed);
                        await http.Response.WriteAsync(
                            $"id: {Positions.Format(positions)}\nevent: {e.EventType.Name}\ndata: {JsonSerializer.Serialize(live, json.Value.SerializerOptions)}\n\n", ct);
                        sent++;
                    }
                }
                await http.Response.Body.FlushAsync(ct);
                if (sent == 0) await Task.Delay(IdlePoll, clock, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away: nothing to report.
        }
    }

    static async Task<IReadOnlyList<IEvent>> NextPage(IDocumentStore store, long after, CancellationToken ct)
    {
        var highWater = (await store.Advanced.AllProjectionProgress(token: ct)).FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
        if (highWater <= after) return [];
        await using var session = store.QuerySession();
        return await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > after && e.Sequence <= highWater && e.MaybeArchived())
            .OrderBy(e => e.Sequence).Take(200).ToListAsync(ct);
    }

    static HashSet<string>? Split(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? null : [.. csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// The composite Last-Event-ID: one sequence per store.
public static class Positions
{
    public static Dictionary<string, long> Parse(string header, IReadOnlyList<string> modules)
    {
        var positions = modules.ToDictionary(m => m, _ => 0L);
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split(':');
            if (pair.Length != 2 || !positions.ContainsKey(pair[0]) || !long.TryParse(pair[1], out var sequence) || sequence < 0)
                throw new InvalidCommandException($"Last-Event-ID '{header}' is not like 'orders:12,inventory:40,payments:7'.");
            positions[pair[0]] = sequence;
        }
        return positions;
    }

    public static string Format(IReadOnlyDictionary<string, long> positions) =>
        new StringBuilder().AppendJoin(',', positions.Select(p => $"{p.Key}:{p.Value}")).ToString();
}
