namespace Commerce.IntegrationTests.BadInput;

/// What every JSON route gets: bodies that are not the JSON it reads, content types it does not take,
/// a body over the size limit, bad command headers, the admin key missing or wrong, and each field's
/// bad values.
public static class BodyCases
{
    const int OverLimit = 300 * 1024;

    public static IEnumerable<BadCase> For(JsonRoute route)
    {
        string Name(string what) => $"POST {route.Route} · {what}";
        BadCase Case(string what, string body, int status = 400, string? contentType = Attempt.Json) =>
            new(Name(what), route.Post(body) with { ContentType = contentType }, status);
        var valid = route.ValidBody;
        var first = route.Fields.First(f => !f.Optional && f.Kind is not Kind.CommandId);

        yield return Case("cut-off JSON", valid[..(valid.Length / 2)]);
        yield return Case("not JSON at all", "{bad");
        yield return Case("trailing garbage", valid + "x");
        yield return Case("two JSON documents", valid + valid);
        yield return Case("a trailing comma", valid[..^1] + ",}");
        yield return Case("a comment", "// hi\n" + valid);
        yield return Case("single quotes", valid.Replace('"', '\''));
        yield return Case("an empty body", "");
        yield return Case("JSON null", "null");
        yield return Case("a JSON array", "[]");
        yield return Case("a JSON string", "\"text\"");
        yield return Case("a JSON number", "42");
        yield return Case("arrays nested 10,000 deep", new string('[', 10_000) + new string(']', 10_000));
        yield return Case($"'{first.Name}' twice", valid[..^1] + $",\"{first.Name}\":{first.Valid}}}");
        yield return Case("text/plain", valid, 415, "text/plain");
        yield return Case("a form", "command_id=x&product_id=y", 415, "application/x-www-form-urlencoded");
        yield return Case("multipart", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--b--", 415, "multipart/form-data; boundary=b");
        yield return Case("XML", "<command/>", 415, "application/xml");
        yield return Case("no content type and not JSON", "{bad", contentType: null);
        yield return Case("a body over 256 KB", valid[..^1] + $",\"padding\":\"{new string(' ', OverLimit)}\"}}", 413);

        yield return new(Name("an Idempotency-Key of 129 characters"),
            route.Post(route.With("command_id", null)).With(("Idempotency-Key", new string('k', 129))), 400, "command_id");
        if (route.Fields.Any(f => f.Kind is Kind.Version))
            yield return new(Name("If-Match \"-1\""), route.Post(valid).With(("If-Match", "\"-1\"")), 400, "expected_version");

        foreach (var field in route.Fields)
        {
            foreach (var bad in FieldValues.For(field))
            {
                var fields = bad.NamesField ? new[] { bad.Key ?? field.Key } : [];
                yield return new(Name($"{field.Name}: {bad.What}"), route.Post(route.With(field.Name, bad.Raw)), bad.Status, fields);
            }
        }
    }
}
