using Npgsql;

namespace Commerce.IntegrationTests.Infrastructure;

/// Reads the event tables directly, to check what each module recorded.
public sealed class EventLog(IAppUnderTest app)
{
    public async Task<IReadOnlyList<string>> Types(string schema, string streamKey)
    {
        await using var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('{schema}.mt_events') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync())!) return [];
        await using var command = new NpgsqlCommand($"SELECT type FROM {schema}.mt_events WHERE stream_id = @id ORDER BY version", connection);
        command.Parameters.AddWithValue("id", streamKey);
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) types.Add(reader.GetString(0));
        return types;
    }

    public Task<IReadOnlyList<string>> Eventually(string schema, string streamKey, Func<IReadOnlyList<string>, bool> done, string what) =>
        Poll.Until(() => Types(schema, streamKey), done, TimeSpan.FromSeconds(30), what);
}
