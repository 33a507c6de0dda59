using Npgsql;

namespace Commerce.IntegrationTests.Infrastructure;

/// Reads the run's database directly, for what the API does not show (event rows, raw documents).
public static class Sql
{
    public static async Task<T?> Scalar<T>(IAppUnderTest app, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Open(app);
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// The first column of every row, as text; nothing when the table does not exist yet (Marten makes
    /// a document's table on first use).
    public static async Task<IReadOnlyList<string>> Column(IAppUnderTest app, string table, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Open(app);
        await using (var exists = Command(connection, "SELECT to_regclass(@table) IS NOT NULL", [("table", (object)table)]))
        {
            if (!(bool)(await exists.ExecuteScalarAsync())!) return [];
        }
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    static async Task<NpgsqlConnection> Open(IAppUnderTest app)
    {
        var connection = new NpgsqlConnection(app.Services.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    static NpgsqlCommand Command(NpgsqlConnection connection, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
