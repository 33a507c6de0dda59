namespace Commerce.IntegrationTests.Infrastructure;

/// Reads the event tables directly, to check what each module recorded.
public sealed class EventLog(IAppUnderTest app)
{
    public Task<IReadOnlyList<string>> Types(string schema, string streamKey) =>
        Sql.Column(app, $"{schema}.mt_events", $"SELECT type FROM {schema}.mt_events WHERE stream_id = @id ORDER BY version", ("id", streamKey));

    public Task<IReadOnlyList<string>> Eventually(string schema, string streamKey, Func<IReadOnlyList<string>, bool> done, string what) =>
        Poll.Until(() => Types(schema, streamKey), done, TimeSpan.FromSeconds(30), what);
}
