using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;

namespace Commerce.BuildingBlocks.Privacy;

/// Seals personal values under their customer's key and opens them where a response is built. A
/// sealed value is JSON inside; once the customer's key is destroyed it opens as erased, wherever it
/// was copied to (an event, a read model, a rebuilt projection, a header).
public sealed class PersonalData(ICustomerKeys keys)
{
    /// What a sealed value reads as once its key is destroyed.
    public const string ErasedMark = "erased";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// The customer's key for sealing, read or made in the command's session (CommandScope.Seal).
    public Task<CustomerKey> KeyFor(string owner, IDocumentSession session, CancellationToken ct) => keys.ForSealing(owner, session, ct);

    /// Whether a command in this session can seal (customers' keys are kept in its store).
    public bool SealsIn(IDocumentSession session) => keys.KeptIn(session.DocumentStore);

    public static string Seal<T>(CustomerKey key, T value)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(value, Json);
        return new SealedText(key.Owner, key.Generation, Sealing.Seal(key.Key, plaintext, SealedText.AssociatedFor(key.Owner, key.Generation))).ToString();
    }

    /// Opens one sealed value (null: none was given).
    public async Task<(PersonalDataState State, T? Value)> Open<T>(string? text, CancellationToken ct) where T : class =>
        (await For([text], ct)).Open<T>(text);

    /// Opens the given sealed values (others are ignored) with one read of their customers' keys.
    public async Task<Revealer> For(IEnumerable<string?> texts, CancellationToken ct)
    {
        var owners = texts.Select(SealedText.Parse).OfType<SealedText>().Select(s => s.Owner).Distinct(StringComparer.Ordinal).ToList();
        return new Revealer(owners.Count == 0 ? new Dictionary<string, CustomerKey>() : await keys.ForOpening(owners, ct), Json);
    }

    /// Where stored events keep sealed values, in their JSON as a route shows it: the properties their
    /// type marks [Sealed], and the header with the caller's address. Only there: a customer's free text
    /// that looks like a sealed value is never opened.
    public static IEnumerable<(JsonObject Parent, string Name)> SealedIn(Type dataType, JsonNode? data, JsonNode? headers, JsonSerializerOptions json)
    {
        if (data is JsonObject fields)
        {
            foreach (var property in dataType.GetProperties().Where(p => p.IsDefined(typeof(SealedAttribute), inherit: true)))
                yield return (fields, json.PropertyNamingPolicy?.ConvertName(property.Name) ?? property.Name);
        }
        if (headers is JsonObject values)
            yield return (values, json.DictionaryKeyPolicy?.ConvertName(Commands.EventMetadata.ClientAddressHeader) ?? Commands.EventMetadata.ClientAddressHeader);
    }

    /// Replaces, in place, each of these sealed values with what it holds, or with "erased": for the
    /// routes that show stored events as they are. One read of the keys of the customers named.
    public async Task RevealIn(IReadOnlyCollection<(JsonObject Parent, string Name)> spots, CancellationToken ct)
    {
        var found = spots.Select(s => (s.Parent, s.Name, Text: s.Parent[s.Name] is JsonValue v && v.TryGetValue(out string? t) && SealedText.IsSealed(t) ? t : null))
            .Where(s => s.Text is not null).ToList();
        if (found.Count == 0) return;
        var revealer = await For(found.Select(s => s.Text), ct);
        foreach (var (parent, name, text) in found) parent[name] = revealer.OpenJson(text!) ?? JsonValue.Create(ErasedMark);
    }
}

/// Marks an event's property that holds a sealed value (SealedText), for the routes that show events.
[AttributeUsage(AttributeTargets.Property)]
public sealed class SealedAttribute : Attribute;

/// Whether an entity's personal data can be shown: none was given, it is there, or it was erased.
public enum PersonalDataState { None, Present, Erased }

/// Opens sealed values with the keys read for them.
public sealed class Revealer(IReadOnlyDictionary<string, CustomerKey> keys, JsonSerializerOptions json)
{
    public (PersonalDataState State, T? Value) Open<T>(string? text) where T : class
    {
        if (text is null) return (PersonalDataState.None, null);
        var plaintext = Plaintext(text);
        return plaintext is null ? (PersonalDataState.Erased, null) : (PersonalDataState.Present, JsonSerializer.Deserialize<T>(plaintext, json));
    }

    public JsonNode? OpenJson(string text) => Plaintext(text) is { } plaintext ? JsonNode.Parse(plaintext) : null;

    byte[]? Plaintext(string text) =>
        SealedText.Parse(text) is { } value && keys.TryGetValue(value.Owner, out var key) && key.Generation == value.Generation
            ? Sealing.Open(key.Key, value.Data, value.Associated)
            : null;
}
