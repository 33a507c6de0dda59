using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Payments.Tests;

public sealed class GatewayOptionsTests
{
    static GatewayOptions Bound(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddPaymentsModule("Host=unused", configuration.GetSection(PaymentsModule.GatewaySection));
        return (GatewayOptions)services.Single(s => s.ServiceType == typeof(GatewayOptions)).ImplementationInstance!;
    }

    [Fact]
    public void gateway_settings_are_read_from_the_payments_gateway_section()
    {
        var options = Bound(new()
        {
            ["Payments:Gateway:Latency"] = "00:00:00.010",
            ["Payments:Gateway:SlowDelay"] = "00:00:03",
            ["Payments:Gateway:CallTimeout"] = "00:00:05",
        });

        Assert.Equal(TimeSpan.FromMilliseconds(10), options.Latency);
        Assert.Equal(TimeSpan.FromSeconds(3), options.SlowDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), options.CallTimeout);
    }

    [Fact]
    public void missing_gateway_settings_keep_their_defaults()
    {
        var options = Bound([]);

        Assert.Equal(new GatewayOptions().Latency, options.Latency);
        Assert.Equal(TimeSpan.FromSeconds(20), options.SlowDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CallTimeout);
    }

    [Theory]
    [InlineData("Payments:Gateway:CallTimeout", "00:00:00")]
    [InlineData("Payments:Gateway:Latency", "-00:00:01")]
    [InlineData("Payments:Gateway:SlowDelay", "-00:00:01")]
    public void impossible_gateway_settings_stop_the_start(string key, string value) =>
        Assert.Throws<InvalidOperationException>(() => Bound(new() { [key] = value }));
}
