namespace Commerce.Bench.Infrastructure;

/// The master key every host the bench starts wraps customers' keys with (PersonalData:Key).
public static class BenchKeys
{
    public static readonly IReadOnlyDictionary<string, string> PersonalData = new Dictionary<string, string>
    {
        ["PersonalData:Key"] = "YmVuY2gtbWFzdGVyLWtleS1vZi0zMi1ieXRlcy0hISE=",
        ["PersonalData:KeyId"] = "bench",
    };
}
