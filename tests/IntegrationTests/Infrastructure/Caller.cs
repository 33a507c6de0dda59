using Role = Commerce.BuildingBlocks.Http.Access;
using Commerce.Host.Tokens;

namespace Commerce.IntegrationTests.Infrastructure;

/// What is wrong with a caller's token, for the access cases: each flaw changes one input of a token
/// that would otherwise pass.
public enum TokenFlaw { None, Expired, WrongKey, WrongAudience }

/// Who a test calls as: the token it sends (none for Anonymous), minted with the test settings' key.
public sealed record Caller(string? User, IReadOnlyList<string> Roles, TokenFlaw Flaw = TokenFlaw.None)
{
    public static readonly Caller Anonymous = new(null, []);

    /// The default of the test helpers: passes every operator, admin and staff route.
    public static readonly Caller Staff = new("test-staff", [Role.Operator, Role.Admin]);

    public static readonly Caller Operator = new("test-operator", [Role.Operator]);
    public static readonly Caller Admin = new("test-admin", [Role.Admin]);

    /// A token that names a user but no role.
    public static readonly Caller NoRole = new("test-nobody", []);

    public static Caller Customer(string user) => new(user, [Role.Customer]);

    public Caller With(TokenFlaw flaw) => this with { Flaw = flaw };

    public string? Bearer()
    {
        if (User is null) return null;
        var now = DateTime.UtcNow;
        var settings = Flaw == TokenFlaw.WrongKey ? WrongKey : TestSettings.Auth;
        return Flaw == TokenFlaw.Expired
            ? DevTokens.Sign(settings, User, Roles, now.AddHours(-2), now.AddHours(-1), settings.Audience)
            : DevTokens.Sign(settings, User, Roles, now, now.AddHours(1), Flaw == TokenFlaw.WrongAudience ? "another-api" : settings.Audience);
    }

    public (string Name, string Value)[] Headers() => Bearer() is { } token ? [("Authorization", $"Bearer {token}")] : [];

    public override string ToString() => User is null ? "anonymous" : $"{User} ({string.Join("+", Roles)}){(Flaw == TokenFlaw.None ? "" : $", {Flaw}")}";

    static readonly AuthSettings WrongKey = new() { SigningKey = "a-key-the-host-under-test-has-never-seen" };
}
