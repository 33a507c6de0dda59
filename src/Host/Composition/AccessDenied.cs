using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;

namespace Commerce.Host.Composition;

/// What a refused caller is told, as problem details through the one exception mapping: 401 with what
/// was wrong with the token, 403 naming the roles the route admits, and 404 for another customer's order.
public sealed class AccessDenied : IAuthorizationMiddlewareResultHandler
{
    // Explicit: the Host holds no handler-shaped methods (the architecture rule reads names).
    async Task IAuthorizationMiddlewareResultHandler.HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }
        if (authorizeResult.Challenged)
        {
            // The handler keeps its result for the request: this reads why the token was refused.
            var authentication = await context.AuthenticateAsync();
            throw new NotSignedInException(Why(authentication.Failure), tokenRefused: authentication.Failure is not null);
        }
        var reasons = authorizeResult.AuthorizationFailure?.FailureReasons ?? [];
        if (reasons.OfType<NotYours>().FirstOrDefault() is { } hidden) throw new NotFoundException(hidden.Message);
        throw new ForbiddenException(reasons.FirstOrDefault()?.Message ?? $"This route is for {Admitted(policy)}; the token's roles are {Roles(context)}.");
    }

    static string Why(Exception? failure) => failure switch
    {
        null => "This route needs a bearer token: send Authorization: Bearer <token> (the host's `token` command prints one).",
        SecurityTokenExpiredException => "The bearer token has expired.",
        SecurityTokenNotYetValidException => "The bearer token is not valid yet.",
        SecurityTokenInvalidSignatureException => "The bearer token's signature does not verify.",
        SecurityTokenInvalidAudienceException => "The bearer token is for another audience.",
        SecurityTokenInvalidIssuerException => "The bearer token is from another issuer.",
        _ => "The bearer token is not valid.",
    };

    static string Admitted(AuthorizationPolicy policy)
    {
        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles)
            .Concat(policy.Requirements.OfType<OwnsIt>().SelectMany(o => o.StaffRoles.Append(Access.Customer)))
            .Distinct().ToList();
        return roles.Count == 0 ? "nobody" : string.Join(" or ", roles.Select(r => $"'{r}'"));
    }

    static string Roles(HttpContext context)
    {
        var roles = context.User.FindAll(Access.RoleClaim).Select(c => $"'{c.Value}'").ToList();
        return roles.Count == 0 ? "none" : string.Join(", ", roles);
    }
}
