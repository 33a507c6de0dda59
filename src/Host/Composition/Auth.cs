using Commerce.Host.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Commerce.Host.Composition;

/// JWT bearer authentication: tokens signed with the development key (Auth:SigningKey, minted by the
/// `token` command), or a real OpenID Connect issuer (Auth:Authority and Auth:Audience).
public static class Auth
{
    public static void AddAuth(this WebApplicationBuilder builder)
    {
        var settings = AuthSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            // Claims as the token names them: "sub" is the user, "role" the roles.
            jwt.MapInboundClaims = false;
            if (settings.UsesDevelopmentKey)
            {
                jwt.TokenValidationParameters = DevTokens.Validation(settings);
                return;
            }
            if (string.IsNullOrEmpty(settings.Authority))
                throw new InvalidOperationException("Set Auth:SigningKey (development tokens) or Auth:Authority and Auth:Audience (an OpenID Connect issuer).");
            jwt.Authority = settings.Authority;
            jwt.Audience = settings.Audience;
            jwt.TokenValidationParameters.ValidateLifetime = true;
            jwt.TokenValidationParameters.RequireExpirationTime = true;
            jwt.TokenValidationParameters.ClockSkew = settings.ClockSkew;
            jwt.TokenValidationParameters.NameClaimType = Commerce.BuildingBlocks.Http.Access.UserClaim;
            jwt.TokenValidationParameters.RoleClaimType = Commerce.BuildingBlocks.Http.Access.RoleClaim;
        });
        builder.Services.AddAuthorization();
    }
}
