using System.Diagnostics;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Telemetry;
using Wolverine;

namespace Commerce.BuildingBlocks.Commands;

/// The one way a command reaches its handler on Wolverine's bus, whoever sends it (the HTTP edge, a
/// broker message, a background worker): counted and timed by command type and outcome.
public static class CommandInvoker
{
    public static Task<T> InvokeCommandAsync<T>(this IMessageBus bus, object command, DeliveryOptions options, CancellationToken ct) =>
        Measured(command, () => bus.InvokeAsync<T>(command, options, ct));

    public static Task InvokeCommandAsync(this IMessageBus bus, object command, DeliveryOptions options, CancellationToken ct) =>
        Measured(command, async () =>
        {
            await bus.InvokeAsync(command, options, ct);
            return true;
        });

    static async Task<T> Measured<T>(object command, Func<Task<T>> invoke)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await invoke();
            Record(command, started, "accepted");
            return result;
        }
        catch (Exception e)
        {
            Record(command, started, OutcomeOf(e));
            throw;
        }
    }

    static void Record(object command, long started, string outcome)
    {
        var tags = CommerceMetrics.Tags(("command", command.GetType().Name), ("outcome", outcome));
        CommerceMetrics.Commands.Add(1, tags);
        CommerceMetrics.CommandDuration.Record(CommerceMetrics.SecondsSince(started), tags);
    }

    // Named after the answer an HTTP caller gets for it, so one rule (ProblemDetailsMapping) decides both;
    // a command whose id another request recorded first is a repeat (the gateway answers its result).
    static string OutcomeOf(Exception e) => e is JasperFx.DocumentAlreadyExistsException ? "repeat" : ProblemDetailsMapping.ToProblem(e).Status switch
    {
        400 => "invalid",
        404 => "not_found",
        409 => "conflict",
        422 => "key_reused",
        499 => "cancelled",
        503 => "unavailable",
        >= 500 => "failed",
        _ => "rejected",
    };
}
