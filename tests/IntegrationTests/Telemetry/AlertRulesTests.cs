using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Commerce.BuildingBlocks.Telemetry;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Testing;

namespace Commerce.IntegrationTests.Telemetry;

/// The Prometheus alert rules (ops/prometheus) are valid, pass their own unit tests, and name only
/// series the host exports.
[Collection(AppHost.Name)]
public sealed partial class AlertRulesTests(AppFixture app)
{
    [Fact]
    public Task promtool_accepts_the_configs_and_the_rules_and_their_unit_tests_pass() => Scripts.Run("prometheus.sh", ["check"]);

    [Fact]
    public void every_series_the_alerts_name_is_one_of_our_instruments()
    {
        Assert.NotNull(app.Host);
        var rules = File.ReadAllText(Path.Combine(HostProcess.RepositoryRoot(), "ops", "prometheus", "alerts.yml"));
        var named = SeriesName().Matches(rules).Select(m => Regex.Replace(m.Value, "_(bucket|count|sum)$", "")).ToHashSet();

        var exported = Exported();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.Contains(name, exported));
    }

    // Every instrument of the Commerce meter, named as OpenTelemetry's Prometheus exporter names it.
    static HashSet<string> Exported()
    {
        var names = new HashSet<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name != CommerceMetrics.MeterName) return;
            var name = instrument.Name.Replace('.', '_');
            if (instrument.Unit == "s") name += "_seconds";
            if (instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal)) name += "_total";
            lock (names) names.Add(name);
        };
        listener.Start();
        return names;
    }

    [GeneratedRegex(@"\bcommerce_[a-z_]+")]
    private static partial Regex SeriesName();
}
