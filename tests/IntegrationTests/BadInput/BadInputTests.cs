using System.Net;
using System.Text.Json;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.BadInput;

/// Every route, every kind of bad input: the answer is a 4xx problem details that says what is wrong,
/// never a 5xx, and no module writes anything (events or processed-command records).
[Collection(AppHost.Name)]
public sealed class BadInputTests(AppFixture app)
{
    readonly Writes writes = new(app);

    public static TheoryData<CaseName> Cases => [.. Corpus.ByName.Keys.Select(name => new CaseName(name))];

    [Theory, MemberData(nameof(Cases))]
    public async Task is_refused_with_a_problem_and_writes_nothing(CaseName @case)
    {
        var bad = Corpus.ByName[@case.Value];
        var known = new Known(app);
        var correlation = Api.NewId("bad-input");
        var attempt = (await known.Fill(bad.Attempt)).With(("X-Correlation-Id", correlation));
        var before = await writes.Take();

        var reply = await attempt.Send(app);

        Assert.True((int)reply.Status is >= 400 and < 500, $"Expected a 4xx, got {reply}");
        Assert.True(bad.Status == (int)reply.Status, $"Expected {bad.Status}, got {reply}");
        Assert.True(reply.Headers.TryGetValue("Content-Type", out var type) && type.StartsWith("application/problem+json", StringComparison.Ordinal),
            $"Expected problem details, got {(type ?? "no content type")}: {reply}");
        Assert.False(string.IsNullOrWhiteSpace(Text(reply.Body, "title")), $"No title: {reply}");
        Assert.False(string.IsNullOrWhiteSpace(reply.Detail), $"No detail: {reply}");
        Assert.DoesNotMatch(@"\b(Commerce|System)\.\w", reply.Detail);
        foreach (var field in bad.Fields)
        {
            Assert.True(Errors(reply.Body).Any(e => e.Key == field || e.Key.StartsWith(field + "[", StringComparison.Ordinal)),
                $"Expected errors for '{field}', got {reply}");
        }
        // A message names the field as the client sends it, not as FluentValidation's default ('Command Id').
        Assert.All(Errors(reply.Body).SelectMany(e => e.Messages), m => Assert.DoesNotMatch("'[A-Z][a-z]+(?: [A-Z][a-z]+)*'", m));
        // A refusal shows nothing of another customer's: not even who they are.
        if (attempt.Caller.User != Known.Customer && !$"{attempt.Url}{attempt.Body}".Contains(Known.Customer, StringComparison.Ordinal))
            Assert.DoesNotContain(Known.Customer, reply.Text, StringComparison.Ordinal);
        var written = await writes.CausedSince(before, correlation, known.CommandIds);
        Assert.True(written.Count == 0, $"The request wrote: {string.Join("; ", written)}");
    }

    [Fact]
    public void every_route_the_host_maps_is_in_the_corpus()
    {
        var mapped = app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToHashSet();
        var known = RouteTable.Routes.Select(r => $"{r.Method} {r.Template}").ToHashSet();

        Assert.True(mapped.SetEquals(known),
            $"Routes without bad-input cases: {string.Join(", ", mapped.Except(known))}; " +
            $"in the corpus but not mapped: {string.Join(", ", known.Except(mapped))}");
    }

    [Fact]
    public void every_route_names_the_policy_the_corpus_expects()
    {
        var mapped = app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .ToDictionary(e => $"/{e.RoutePattern.RawText!.TrimStart('/')}", Policy, StringComparer.Ordinal);
        var expected = RouteTable.Routes.ToDictionary(r => r.Template, r => r.Policy ?? "anyone", StringComparer.Ordinal);

        Assert.Equal(expected.OrderBy(r => r.Key), mapped.OrderBy(r => r.Key));
    }

    // What an endpoint says about its callers: the one policy it names, or that anyone may call it.
    static string Policy(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? "anyone"
        : string.Join(",", endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "(no policy)")) is { Length: > 0 } named ? named
        : "(none)";

    // Each bad case changes one thing in these bodies, so they must get past validation themselves.
    [Fact]
    public async Task the_valid_bodies_the_cases_start_from_are_accepted_or_name_a_missing_id()
    {
        foreach (var route in JsonRoute.All)
        {
            var reply = await (await new Known(app).Fill(route.Post(route.ValidBody))).Send(app);
            Assert.True(route.ValidStatus == (int)reply.Status, $"{route.Route}: expected {route.ValidStatus}, got {reply}");
        }
    }

    static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    static IEnumerable<(string Key, IEnumerable<string> Messages)> Errors(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? errors.EnumerateObject().Select(p => (p.Name, p.Value.EnumerateArray().Select(m => m.GetString() ?? "")))
            : [];
}
