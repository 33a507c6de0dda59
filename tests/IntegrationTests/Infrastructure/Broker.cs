using System.Diagnostics;

namespace Commerce.IntegrationTests.Infrastructure;

/// Stops and starts the RabbitMQ application (the Erlang node stays up), for outage tests. Needs the
/// rabbitmqctl of eng/services.sh; the tests that use it run in the one serial collection.
public static class Broker
{
    public static Task Stop() => Ctl("stop_app");

    public static Task Start() => Ctl("start_app");

    static async Task Ctl(string action)
    {
        var node = Environment.GetEnvironmentVariable("RABBITMQ_NODENAME") ?? "rabbit@localhost";
        using var process = Process.Start(new ProcessStartInfo("rabbitmqctl", ["-n", node, "-q", action])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("rabbitmqctl could not be started.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {action} failed: {await process.StandardError.ReadToEndAsync()}");
    }
}
