using System.Text;
using System.Text.Json;
using Commerce.Host.Tokens;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Commerce.IntegrationTests.Access;

/// The README's `token` command: a token signed with the development key, alone on the last line; and
/// the key is development's only (set by `dotnet run`, never in appsettings.json).
public sealed class TokenCommandTests
{
    static readonly Dictionary<string, string> DevelopmentKey = new() { ["Auth:SigningKey"] = TestSettings.Auth.SigningKey! };

    // Nothing here may reach a database: a host that started anyway would fail at once.
    static readonly Dictionary<string, string> NoDatabase = new() { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Timeout=1" };

    [Fact]
    public async Task the_token_command_prints_a_token_the_host_accepts_on_its_last_line()
    {
        var (exitCode, output) = await HostProcess.RunCommand(["token", "--user", "user-789", "--role", "customer"], TimeSpan.FromMinutes(2), DevelopmentKey);

        Assert.True(exitCode == 0, output);
        var token = output.TrimEnd().Split('\n')[^1].Trim();
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(token, DevTokens.Validation(TestSettings.Auth));
        Assert.True(validated.IsValid, validated.Exception?.Message);
        Assert.Equal("user-789", validated.ClaimsIdentity.Name);
        Assert.True(validated.ClaimsIdentity.HasClaim("role", "customer"));
    }

    [Fact]
    public async Task the_token_command_refuses_a_role_that_does_not_exist()
    {
        var (exitCode, output) = await HostProcess.RunCommand(["token", "--user", "user-789", "--role", "root"], TimeSpan.FromMinutes(2), DevelopmentKey);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Usage: token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task without_the_development_key_there_is_no_token_to_print_and_no_host_to_start()
    {
        var token = await HostProcess.RunCommand(["token", "--user", "user-789", "--role", "admin"], TimeSpan.FromMinutes(2), NoDatabase);
        var host = await HostProcess.RunCommand(["--urls", "http://127.0.0.1:0"], TimeSpan.FromMinutes(2), NoDatabase);

        Assert.NotEqual(0, token.ExitCode);
        Assert.Contains("tokens come from your identity provider", token.Output, StringComparison.Ordinal);
        // It stops at once (RunCommand returned); JasperFx's run command exits 0 even so.
        Assert.Contains("Hosting failed to start", host.Output, StringComparison.Ordinal);
        Assert.Contains("No token issuer is configured", host.Output, StringComparison.Ordinal);
    }

    // What `dotnet run --project src/Host` (the README, eng/run.sh) starts with.
    [Fact]
    public void dotnet_run_sets_a_development_key_long_enough_for_hs256()
    {
        using var profile = JsonDocument.Parse(File.ReadAllText(Path.Combine(HostProcess.RepositoryRoot(), "src/Host/Properties/launchSettings.json")));
        var key = profile.RootElement.GetProperty("profiles").EnumerateObject().First().Value
            .GetProperty("environmentVariables").GetProperty("Auth__SigningKey").GetString();

        Assert.True(Encoding.UTF8.GetByteCount(key ?? "") >= 32, "HS256 needs a key of at least 32 bytes.");
    }
}
