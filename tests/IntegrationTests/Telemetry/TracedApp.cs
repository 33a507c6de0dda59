using System.Diagnostics;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Commerce.IntegrationTests.Telemetry;

/// A host of its own whose finished spans are kept in memory (OpenTelemetry's in-memory exporter), and
/// its log lines with their scopes, so a test can read one trace and its logs back.
public sealed class TracedApp : AppFixture
{
    readonly List<Activity> spans = [];

    public CapturedLogs Logs { get; } = new();

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new Locked(spans))))
            .ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Debug));

    public IReadOnlyList<Activity> Trace(ActivityTraceId trace)
    {
        lock (spans) return [.. spans.Where(s => s.TraceId == trace)];
    }

    // The exporter adds from its own thread while a test reads.
    sealed class Locked(List<Activity> inner) : ICollection<Activity>
    {
        public int Count { get { lock (inner) return inner.Count; } }
        public bool IsReadOnly => false;
        public void Add(Activity item) { lock (inner) inner.Add(item); }
        public void Clear() { lock (inner) inner.Clear(); }
        public bool Contains(Activity item) { lock (inner) return inner.Contains(item); }
        public void CopyTo(Activity[] array, int arrayIndex) { lock (inner) inner.CopyTo(array, arrayIndex); }
        public bool Remove(Activity item) { lock (inner) return inner.Remove(item); }
        public IEnumerator<Activity> GetEnumerator() { lock (inner) return inner.ToList().GetEnumerator(); }
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

[CollectionDefinition(Name)]
public sealed class Traced : ICollectionFixture<TracedApp>
{
    public const string Name = "traced";
}
