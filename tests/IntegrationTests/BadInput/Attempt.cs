using Alba;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.BadInput;

/// One raw request: any method, any body bytes, any content type (or none), any headers, sent as a
/// caller (by default one the route admits: Known.CallerFor). Url, body and header values may hold
/// placeholders ({cmd}, {sku}, ...) that Known fills in just before sending.
public sealed record Attempt(string Method, string Url, string? Body = null, string? ContentType = Attempt.Json,
    IReadOnlyList<(string Name, string Value)>? Headers = null, Caller? As = null)
{
    public Caller Caller => As ?? Known.CallerFor(Url);

    public const string Json = "application/json";

    public Attempt With(params (string Name, string Value)[] headers) => this with { Headers = [.. Headers ?? [], .. headers] };

    public async Task<Reply> Send(AppFixture app)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(Url);
            s.ConfigureHttpContext(http => http.Request.Method = Method);
            if (Body is not null) s.Body.TextIs(Body);
            if (ContentType is null) s.RemoveRequestHeader("Content-Type");
            else s.WithRequestHeader("Content-Type", ContentType);
            foreach (var (name, value) in Caller.Headers()) s.WithRequestHeader(name, value);
            foreach (var (name, value) in Headers ?? []) s.WithRequestHeader(name, value);
            s.IgnoreStatusCode();
        });
        return await Reply.From(result);
    }
}
