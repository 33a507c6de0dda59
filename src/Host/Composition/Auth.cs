using Commerce.BuildingBlocks.Http;
using Commerce.Host.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Commerce.Host.Composition;

/// JWT bearer authentication: tokens signed with the development key (Auth:SigningKey, minted by the
/// `token` command), or a real OpenID Connect issuer (Auth:Authority and Auth:Audience). And every
/// authorization policy a route can name, in one table.
public static class Auth
{
    const string NoIssuer = "No token issuer is configured: set Auth:Authority and Auth:Audience (an OpenID Connect issuer), "
        + "or Auth:SigningKey for development tokens (`dotnet run --project src/Host` and eng/run.sh set one).";

    public static void AddAuth(this WebApplicationBuilder builder)
    {
        var settings = AuthSettings.From(builder.Configuration);
        // Before anything starts: a host that would accept no token, or any, is a configuration error.
        // The development key is not in appsettings.json, so a deployment cannot accept tokens minted
        // with a key published here; `dotnet run` sets it (Properties/launchSettings.json).
        builder.Services.AddOptions<AuthSettings>().BindConfiguration("Auth")
            .Validate(s => s.UsesDevelopmentKey || !string.IsNullOrEmpty(s.Authority), NoIssuer)
            .ValidateOnStart();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            // Claims as the token names them: "sub" is the user, "role" the roles.
            jwt.MapInboundClaims = false;
            if (settings.UsesDevelopmentKey)
            {
                jwt.TokenValidationParameters = DevTokens.Validation(settings);
                return;
            }
            if (string.IsNullOrEmpty(settings.Authority)) throw new InvalidOperationException(NoIssuer);
            jwt.Authority = settings.Authority;
            jwt.Audience = settings.Audience;
            jwt.TokenValidationParameters.ValidateLifetime = true;
            jwt.TokenValidationParameters.RequireExpirationTime = true;
            jwt.TokenValidationParameters.ClockSkew = settings.ClockSkew;
            jwt.TokenValidationParameters.NameClaimType = Access.UserClaim;
            jwt.TokenValidationParameters.RoleClaimType = Access.RoleClaim;
        });
        builder.Services.AddAuthorization(Define);
        builder.Services.AddSingleton<IAuthorizationHandler, OwnershipHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessDenied>();
    }

    // Roles are not a ladder: an admin runs the store's machinery, an operator the catalog and
    // shipping, and only a customer places, pays for and cancels orders (their own). Staff read any
    // order (support, shipping); a customer reads their own.
    static void Define(AuthorizationOptions options)
    {
        Role(Policies.Customers, Access.Customer);
        Role(Policies.Operators, Access.Operator);
        Role(Policies.Admins, Access.Admin);
        Role(Policies.Staff, Access.Operator, Access.Admin);
        Role(Policies.AnyRole, [.. Access.Roles]);
        Owner(Policies.OrderOwner, Owned.OrderInBody);
        Owner(Policies.OrderReader, Owned.Order, Access.Operator, Access.Admin);
        Owner(Policies.OrderHistoryReader, Owned.OrderHistory, Access.Operator, Access.Admin);
        Owner(Policies.CheckoutReader, Owned.Checkout, Access.Operator, Access.Admin);
        Owner(Policies.UserReader, Owned.User, Access.Operator, Access.Admin);
        Owner(Policies.StreamReader, Owned.Stream, Access.Admin);

        // Every policy needs the token to name its user: commands record who acted.
        void Role(string name, params string[] roles) =>
            options.AddPolicy(name, policy => policy.RequireAuthenticatedUser().RequireClaim(Access.UserClaim).RequireRole(roles));

        void Owner(string name, Owned what, params string[] staff) =>
            options.AddPolicy(name, policy => policy.RequireAuthenticatedUser().RequireClaim(Access.UserClaim).AddRequirements(new OwnsIt(what, staff)));
    }
}
