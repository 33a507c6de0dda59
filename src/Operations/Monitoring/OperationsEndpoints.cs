using Commerce.BuildingBlocks.Http;
using Commerce.Operations.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Wolverine.Http;

namespace Commerce.Operations.Monitoring;

/// The operations page (/ops, plain HTML and a little JavaScript, no build step) and the two admin routes
/// it calls: the monitor's latest snapshot, and the replay of one queue's dead letters.
public static class OperationsEndpoints
{
    static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(OperationsEndpoints).Assembly.GetManifestResourceStream("Commerce.Operations.Monitoring.ops.html")
            ?? throw new InvalidOperationException("The operations page is not embedded in the assembly.");
        return new StreamReader(stream).ReadToEnd();
    });

    // The page holds no data: it asks for an admin token and sends it with every call it makes.
    [WolverineGet("/ops"), ExcludeFromDescription, AllowAnonymous]
    public static IResult Get() => Results.Content(Page.Value, "text/html; charset=utf-8");

    [WolverineGet("/api/v1/admin/operations"), Tags("Admin"), Authorize(Policy = Policies.Admins)]
    public static async Task<OperationsSnapshot> Snapshot(OperationsMonitor monitor, CancellationToken ct)
    {
        return monitor.Current ?? await monitor.Read(ct);
    }

    /// Moves the queue's dead letters back to it, as eng/redrive.sh does; answers once they are moved.
    [WolverinePost("/api/v1/admin/error-queues/{queue}/replay"), Tags("Admin"), Authorize(Policy = Policies.Admins)]
    public static async Task<ReplayResponse> Replay(string queue, DeadLetters deadLetters,
        OperationsMonitor monitor, CancellationToken ct)
    {
        var replayed = await deadLetters.Replay(queue, ct);
        await monitor.Read(ct);
        return replayed;
    }
}

public static class OperationsRegistration
{
    public static IServiceCollection AddOperationsMonitor(this IServiceCollection services, BuildingBlocks.Messaging.RabbitMqSettings rabbit)
    {
        services.AddSingleton(new DeadLetters(rabbit));
        services.AddSingleton<CheckoutWatch>();
        services.AddSingleton<OperationsMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationsMonitor>());
        return services;
    }
}
