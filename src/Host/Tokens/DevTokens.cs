using System.Security.Claims;
using System.Text;
using Commerce.BuildingBlocks.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Commerce.Host.Tokens;

/// The one place that mints and checks tokens signed with the development key (Auth:SigningKey): the
/// `token` command, the tests and the bench mint with it, and the host validates with the same parameters.
public static class DevTokens
{
    public static string Issue(AuthSettings settings, TimeProvider clock, string user, IEnumerable<string> roles, TimeSpan? lifetime = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Sign(settings, user, roles, now, now + (lifetime ?? settings.TokenLifetime), settings.Audience);
    }

    /// Any token the tests need, including a broken one (expired, another audience).
    public static string Sign(AuthSettings settings, string user, IEnumerable<string> roles, DateTime notBefore, DateTime expires, string audience)
    {
        var claims = new List<Claim> { new(Access.UserClaim, user) };
        claims.AddRange(roles.Select(role => new Claim(Access.RoleClaim, role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = settings.Issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(Key(settings), SecurityAlgorithms.HmacSha256),
        });
    }

    public static TokenValidationParameters Validation(AuthSettings settings) => new()
    {
        ValidIssuer = settings.Issuer,
        ValidAudience = settings.Audience,
        IssuerSigningKey = Key(settings),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = settings.ClockSkew,
        NameClaimType = Access.UserClaim,
        RoleClaimType = Access.RoleClaim,
    };

    static SymmetricSecurityKey Key(AuthSettings settings)
    {
        var bytes = Encoding.UTF8.GetBytes(settings.SigningKey ?? "");
        // HS256 needs a key of at least 256 bits.
        return bytes.Length >= 32 ? new SymmetricSecurityKey(bytes)
            : throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes long.");
    }
}
