namespace Commerce.IntegrationTests.BadInput;

/// One entry of the corpus: a request and the 4xx problem details it must get. `Fields` are the keys that
/// must appear in the problem's `errors` (a key "items" is also met by "items[0]..." for a line's field).
public sealed record BadCase(string Name, Attempt Attempt, int Status, params string[] Fields)
{
    public override string ToString() => Name;
}
