using System.Text.RegularExpressions;
using FluentValidation;

namespace Commerce.BuildingBlocks.Validation;

/// The field rules commands share, so a SKU or an amount means the same everywhere.
public static partial class CommonRules
{
    public const int MaxQuantity = 1_000_000;
    public const decimal MaxAmount = 1_000_000_000m;

    /// What is wrong with a command's id, whether it came as the body's command_id or as an
    /// Idempotency-Key header, or null. The HTTP edge (CommandGateway) checks the id it settles on; a
    /// validator checks a body's id when there is one.
    public static string? CommandIdProblem(string? id) => id switch
    {
        null or "" => "'command_id' (or an Idempotency-Key header) is required.",
        { Length: > 128 } => "'command_id' must be at most 128 characters.",
        _ when !NoControlCharacters(id) => "'command_id' must not contain control characters.",
        _ => null,
    };

    public static IRuleBuilderOptions<T, string?> CommandId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(id => id is null || CommandIdProblem(id) is null).WithMessage((_, id) => CommandIdProblem(id)!);

    /// What the Identifier rule admits: every id a stream can have.
    public static bool IsIdentifier([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) => value is { Length: > 0 and <= MaxIdentifierLength } && IdentifierPattern().IsMatch(value);

    const int MaxIdentifierLength = 64;

    public static IRuleBuilderOptions<T, string> Identifier<T>(this IRuleBuilder<T, string> rule, string field) =>
        rule.NotEmpty().WithMessage($"'{field}' is required.")
            .MaximumLength(MaxIdentifierLength).WithMessage($"'{field}' must be at most {MaxIdentifierLength} characters.")
            .Matches(IdentifierPattern()).WithMessage($"'{field}' may contain only letters, digits, '.', '_' and '-', starting with a letter or digit.");

    public static IRuleBuilderOptions<T, string> Text<T>(this IRuleBuilder<T, string> rule, string field, int maxLength) =>
        rule.NotEmpty().WithMessage($"'{field}' is required.")
            .MaximumLength(maxLength).WithMessage($"'{field}' must be at most {maxLength} characters.")
            .Must(NoControlCharacters).WithMessage($"'{field}' must not contain control characters.");

    public static IRuleBuilderOptions<T, int> Quantity<T>(this IRuleBuilder<T, int> rule, string field) =>
        rule.InclusiveBetween(1, MaxQuantity).WithMessage($"'{field}' must be between 1 and {MaxQuantity}.");

    public static IRuleBuilderOptions<T, decimal> Money<T>(this IRuleBuilder<T, decimal> rule, string field) =>
        rule.GreaterThan(0).WithMessage($"'{field}' must be greater than 0.")
            .LessThanOrEqualTo(MaxAmount).WithMessage($"'{field}' must be at most {MaxAmount}.")
            .PrecisionScale(15, 2, ignoreTrailingZeros: true).WithMessage($"'{field}' may have at most 2 decimal places.");

    public static IRuleBuilderOptions<T, string> Currency<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("'currency' is required.")
            .Matches(CurrencyPattern()).WithMessage("'currency' must be a three-letter ISO 4217 code such as EUR or USD.");

    public const string ExpectedVersionMessage = "'expected_version' must be 0 or more.";

    public static IRuleBuilderOptions<T, long?> ExpectedVersion<T>(this IRuleBuilder<T, long?> rule) =>
        rule.GreaterThanOrEqualTo(0).WithMessage(ExpectedVersionMessage);

    static bool NoControlCharacters(string? value) => value is null || !value.Any(char.IsControl);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
