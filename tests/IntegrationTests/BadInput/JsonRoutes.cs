using Commerce.BuildingBlocks.Http;

namespace Commerce.IntegrationTests.BadInput;

/// What a field holds, which decides the bad values the corpus tries on it.
public enum Kind { CommandId, Identifier, Text, Money, Quantity, Version, Currency, PaymentMethod, Items, Events, Email, Address }

/// A body field: its name, kind and a valid raw JSON value (null: optional and left out of the valid
/// body). ErrorKey is the key its validation errors come under when the route renames it.
public sealed record Field(string Name, Kind Kind, string? Valid, int Max = 0, string? ErrorKey = null)
{
    public bool Optional => Valid is null;

    public string Key => ErrorKey ?? Name;
}

/// A route that takes a JSON body, with a valid body that reaches the handler (it answers 202, or 404
/// for an id that does not exist), so each bad case differs from a good request in one place only.
public sealed record JsonRoute(string Route, int ValidStatus, string Policy, params Field[] Fields)
{
    public string ValidBody => Body(f => f.Valid);

    /// The valid body with one field's raw JSON replaced (null: the field left out).
    public string With(string name, string? raw) => Body(f => f.Name == name ? raw : f.Valid);

    public Attempt Post(string body) => new("POST", Route, body);

    string Body(Func<Field, string?> value) =>
        "{" + string.Join(",", Fields.Select(f => (f.Name, Raw: value(f))).Where(f => f.Raw is not null).Select(f => $"\"{f.Name}\":{f.Raw}")) + "}";

    static readonly Field CommandId = new("command_id", Kind.CommandId, "\"{cmd}\"");
    static readonly Field ExpectedVersion = new("expected_version", Kind.Version, null);

    public static readonly JsonRoute[] All =
    [
        new("/api/v1/commands/add-product", 202, Policies.Operators, CommandId, new("product_id", Kind.Identifier, "\"{new_sku}\"", 64),
            new("name", Kind.Text, "\"Blue mug\"", 200), new("price", Kind.Money, "12.5"), new("currency", Kind.Currency, "\"EUR\"")),
        new("/api/v1/commands/receive-stock", 404, Policies.Operators, CommandId, new("product_id", Kind.Identifier, "\"{unknown_sku}\"", 64),
            new("quantity", Kind.Quantity, "5"), ExpectedVersion),
        new("/api/v1/commands/change-price", 404, Policies.Operators, CommandId, new("product_id", Kind.Identifier, "\"{unknown_sku}\"", 64),
            new("price", Kind.Money, "13.75"), ExpectedVersion),
        // user_id is the token's (sent, it must be the token's user: AccessCases).
        new("/api/v1/commands/create-order", 202, Policies.Customers, CommandId, new("aggregate_id", Kind.Identifier, null, 64),
            new("items", Kind.Items, """[{"product_id":"{sku}","quantity":1}]"""),
            new("payment_method", Kind.PaymentMethod, null), new("email", Kind.Email, "\"ada@example.test\"", 254),
            new("shipping_address", Kind.Address, AddressValues.Valid)),
        // The customer's own open order: another's, or one that does not exist, is refused before the
        // body is validated (AccessCases, StateCases).
        new("/api/v1/commands/process-payment", 202, Policies.OrderOwner, CommandId, new("order_id", Kind.Identifier, "\"{open_order}\"", 64),
            new("payment_method", Kind.PaymentMethod, "\"tok_visa\""), new("amount", Kind.Money, "9.5"), ExpectedVersion),
        new("/api/v1/commands/cancel-order", 202, Policies.OrderOwner, CommandId, new("order_id", Kind.Identifier, "\"{open_order}\"", 64),
            new("reason", Kind.Text, "\"changed my mind\"", 500), ExpectedVersion),
        // An erasure is recorded whether or not the customer has ever ordered: any user id is accepted.
        new("/api/v1/commands/forget-customer", 202, Policies.Admins, CommandId, new("user_id", Kind.Identifier, "\"{new_user}\"", 64)),
        new("/api/v1/commands/ship-order", 404, Policies.Operators, CommandId, new("order_id", Kind.Identifier, "\"{unknown_order}\"", 64),
            new("tracking_number", Kind.Identifier, "\"TRACK-1\"", 64), ExpectedVersion),
        // The raw append turns its one event into the order command that decides it, so its fields are
        // checked by that command's validator, under that command's names.
        new("/api/v1/events/append", 404, Policies.Admins, new("aggregate_id", Kind.Identifier, "\"{unknown_order}\"", 64, ErrorKey: "order_id"),
            ExpectedVersion, new("events", Kind.Events, """[{"event_type":"OrderShipped","data":{"tracking_number":"T1"}}]""")),
    ];
}
