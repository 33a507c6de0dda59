using Commerce.Host.Tokens;
using Commerce.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Commerce.IntegrationTests.Access;

/// The README's `token` command: a token signed with the development key, alone on the last line.
public sealed class TokenCommandTests
{
    [Fact]
    public async Task the_token_command_prints_a_token_the_host_accepts_on_its_last_line()
    {
        var (exitCode, output) = await HostProcess.RunCommand(["token", "--user", "user-789", "--role", "customer"], TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, output);
        var token = output.TrimEnd().Split('\n')[^1].Trim();
        var settings = AuthSettings.From(new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build());
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(token, DevTokens.Validation(settings));
        Assert.True(validated.IsValid, validated.Exception?.Message);
        Assert.Equal("user-789", validated.ClaimsIdentity.Name);
        Assert.True(validated.ClaimsIdentity.HasClaim("role", "customer"));
    }

    [Fact]
    public async Task the_token_command_refuses_a_role_that_does_not_exist()
    {
        var (exitCode, output) = await HostProcess.RunCommand(["token", "--user", "user-789", "--role", "root"], TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Usage: token", output, StringComparison.Ordinal);
    }
}
