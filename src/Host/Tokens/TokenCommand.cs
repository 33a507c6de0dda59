using JasperFx.CommandLine;

namespace Commerce.Host.Tokens;

public sealed class TokenInput : NetCoreInput
{
    [Description("The user the token is for (its subject, e.g. user-789)")]
    public string UserFlag { get; set; } = "";

    [Description("Its roles: customer, operator, admin")]
    public List<string> RoleFlag { get; set; } = [];

    [Description("Hours it is valid (default: Auth:TokenLifetime, 8)")]
    public double HoursFlag { get; set; }
}

/// `dotnet run --project src/Host -- token --user user-789 --role customer`: a token signed with the
/// development key (Auth:SigningKey), alone on the last line of the output so scripts can take it.
[Description("Print a bearer token signed with the development key (Auth:SigningKey)", Name = "token")]
public sealed class TokenCommand : JasperFxCommand<TokenInput>
{
    public override bool Execute(TokenInput input)
    {
        var settings = AuthSettings.From(input.BuildHost().Services.GetRequiredService<IConfiguration>());
        if (!settings.UsesDevelopmentKey)
        {
            Console.Error.WriteLine("Auth:Authority is set (or Auth:SigningKey is not): tokens come from your identity provider.");
            return false;
        }
        if (input.UserFlag.Length == 0 || input.RoleFlag.Count == 0 || input.RoleFlag.Any(r => !Commerce.BuildingBlocks.Http.Access.Roles.Contains(r)))
        {
            Console.Error.WriteLine($"Usage: token --user <id> --role <{string.Join("|", Commerce.BuildingBlocks.Http.Access.Roles)}> [--role …] [--hours n]");
            return false;
        }
        var lifetime = input.HoursFlag > 0 ? TimeSpan.FromHours(input.HoursFlag) : settings.TokenLifetime;
        Console.WriteLine($"Bearer token for '{input.UserFlag}' ({string.Join(", ", input.RoleFlag)}), valid {lifetime.TotalHours:0.##} h, " +
            $"issuer '{settings.Issuer}', audience '{settings.Audience}':");
        Console.WriteLine(DevTokens.Issue(settings, TimeProvider.System, input.UserFlag, input.RoleFlag, lifetime));
        return true;
    }
}
