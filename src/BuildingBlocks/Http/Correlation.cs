using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.BuildingBlocks.Http;

/// Every request has a correlation id: the client's X-Correlation-Id, or a new one. It is echoed in
/// the response and stamped on every event the request causes, across modules.
public static class Correlation
{
    const string ItemKey = "commerce.correlation-id";

    public static string Of(HttpContext http) => http.Items[ItemKey] as string ?? Assign(http);

    public static async Task Middleware(HttpContext http, Func<Task> next)
    {
        var id = Assign(http);
        using var scope = Correlated.Scope(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Correlation)), id);
        await next();
    }

    static string Assign(HttpContext http)
    {
        if (http.Items[ItemKey] is string existing) return existing;
        var sent = http.Request.Headers[EventMetadata.CorrelationHttpHeader].ToString();
        var id = sent.Length is > 0 and <= 128 ? sent : Guid.NewGuid().ToString();
        http.Items[ItemKey] = id;
        http.Response.Headers[EventMetadata.CorrelationHttpHeader] = id;
        return id;
    }
}
