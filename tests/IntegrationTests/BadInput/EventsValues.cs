namespace Commerce.IntegrationTests.BadInput;

/// Bad `events` of the raw append. The route checks the list and each event's type and data itself
/// (errors not per field); what the event carries is then checked by the command it becomes.
public static class EventsValues
{
    static BadValue Own(string what, string raw) => new(what, raw, NamesField: false);

    static string Shipped(string data) => $$"""[{"event_type":"OrderShipped","data":{{data}}}]""";

    public static readonly BadValue[] All =
    [
        Own("an empty list", "[]"),
        Own("two events", """[{"event_type":"OrderShipped","data":{"tracking_number":"T1"}},{"event_type":"OrderShipped","data":{"tracking_number":"T2"}}]"""),
        Own("an event type that may not be appended", """[{"event_type":"OrderPlaced","data":{}}]"""),
        Own("no event type", """[{"data":{"tracking_number":"T1"}}]"""),
        Own("a 10,000 character event type", $$$"""[{"event_type":{{{FieldValues.Str(new string('E', 10_000))}}},"data":{}}]"""),
        Own("SQL injection as the event type", """[{"event_type":"OrderShipped'; DROP TABLE orders.mt_events;--","data":{}}]"""),
        FieldValues.Unreadable("a number as the event type", """[{"event_type":42,"data":{}}]"""),
        Own("no data", """[{"event_type":"OrderShipped"}]"""), Own("data that is a string", Shipped("\"T1\"")),
        Own("a number as tracking_number", Shipped("""{"tracking_number":42}""")),
        new("a bad tracking_number", Shipped("""{"tracking_number":"bad value!"}"""), Key: "tracking_number"),
        new("a 65 character tracking_number", Shipped($$"""{"tracking_number":{{FieldValues.Str(new string('T', 65))}}}"""), Key: "tracking_number"),
        new("a 501 character reason", $$$"""[{"event_type":"OrderCancelled","data":{"reason":{{{FieldValues.Str(new string('r', 501))}}}}}]""", Key: "reason"),
        new("a NUL in the reason", """[{"event_type":"OrderCancelled","data":{"reason":"a\u0000b"}}]""", Key: "reason"),
    ];
}
