using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Errors;
using Microsoft.AspNetCore.Http;

namespace Commerce.BuildingBlocks.Http;

/// Limits on what a request may carry, checked before anything reads it. Kestrel enforces the body limit
/// too, but only while the body is read and only under Kestrel; a declared length over it is refused at
/// once here, on any server.
public static class RequestLimits
{
    public static Func<HttpContext, Func<Task>, Task> Middleware(long maxBodyBytes) => (http, next) =>
    {
        if (http.Request.ContentLength > maxBodyBytes)
            throw new BadHttpRequestException($"Request body too large. The max request body size is {maxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        return next();
    };
}
