using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Errors;
using Microsoft.AspNetCore.Http;

namespace Commerce.BuildingBlocks.Http;

/// Limits on what a request may carry, checked before anything reads it. Kestrel enforces the body limit
/// too, but only while the body is read and only under Kestrel; a declared length over it is refused at
/// once here, on any server. The user header is stamped on every event, so it gets a length limit.
public static class RequestLimits
{
    public const int MaxUserLength = 128;

    public static Func<HttpContext, Func<Task>, Task> Middleware(long maxBodyBytes) => (http, next) =>
    {
        if (http.Request.ContentLength > maxBodyBytes)
            throw new BadHttpRequestException($"Request body too large. The max request body size is {maxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        var user = http.Request.Headers[EventMetadata.UserHttpHeader].ToString();
        if (user.Length > MaxUserLength || user.Any(char.IsControl))
            throw new InvalidCommandException($"The {EventMetadata.UserHttpHeader} header may hold at most {MaxUserLength} characters, none of them control characters.");
        return next();
    };
}
