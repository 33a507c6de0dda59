namespace Commerce.Host.Tokens;

/// The "Auth" section. Either a development signing key (tokens this host's `token` command mints), or a
/// real OpenID Connect issuer (Authority and Audience: its signing keys come from its discovery document).
public sealed class AuthSettings
{
    public string Issuer { get; set; } = "commerce-dev";
    public string Audience { get; set; } = "commerce-api";
    public string? SigningKey { get; set; }
    public string? Authority { get; set; }
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public bool UsesDevelopmentKey => !string.IsNullOrEmpty(SigningKey) && string.IsNullOrEmpty(Authority);

    public static AuthSettings From(IConfiguration configuration) =>
        configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
}
