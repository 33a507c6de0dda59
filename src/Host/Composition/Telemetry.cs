using System.Diagnostics;
using Commerce.BuildingBlocks.Telemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Commerce.Host.Composition;

/// OpenTelemetry: one trace per checkout (ASP.NET Core, Wolverine, Marten, Npgsql, MassTransit and our
/// own spans for the relay, the gateway calls and the deadlines), the libraries' meters and ours,
/// scraped at /metrics in Prometheus' format, and sent over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
public static class Telemetry
{
    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        // Each line with its scopes: the trace and span ids, and the correlation id (Correlated).
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        var sampleRatio = builder.Configuration.GetValue("Telemetry:TraceSampleRatio", 1.0);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("commerce"))
            .WithTracing(tracing => tracing
                // Background polls (the daemons, the workers, their SQL) would each start a trace of
                // their own; only requests and messages start one, and what they cause follows. Of
                // those, Telemetry:TraceSampleRatio are kept (all by default; tracing every checkout
                // costs a third of the throughput at overload: docs/benchmarks/improvements.md §8).
                .SetSampler(new ParentBasedSampler(new RequestsAndMessages(sampleRatio)))
                .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                    !http.Request.Path.StartsWithSegments("/metrics") && !http.Request.Path.StartsWithSegments("/health"))
                .AddSource(Tracing.SourceName, "Wolverine", "Marten", "MassTransit")
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Tracing.SourceName, "Wolverine*", "Marten", "MassTransit", "Npgsql")
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) otel.UseOtlpExporter();
    }

    public static void MapTelemetry(this WebApplication app) => app.MapPrometheusScrapingEndpoint().AllowAnonymous();

    sealed class RequestsAndMessages(double ratio) : Sampler
    {
        readonly TraceIdRatioBasedSampler share = new(Math.Clamp(ratio, 0, 1));

        public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
            parameters.Kind is ActivityKind.Server or ActivityKind.Consumer ? share.ShouldSample(parameters) : new(SamplingDecision.Drop);
    }
}
