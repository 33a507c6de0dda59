using System.Text.RegularExpressions;
using Commerce.BuildingBlocks.Validation;
using FluentValidation;

namespace Commerce.Orders.Customers;

/// Where an order goes. Personal data: kept only sealed under the customer's key, and never printed
/// (a failed command is logged with its ToString).
public sealed partial record ShippingAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string Country)
{
    public override string ToString() => "ShippingAddress { [personal data] }";

    public sealed class Validator : AbstractValidator<ShippingAddress>
    {
        public Validator()
        {
            RuleFor(a => a.Name).Text("shipping_address.name", 200);
            RuleFor(a => a.Line1).Text("shipping_address.line1", 200);
            RuleFor(a => a.Line2!).Text("shipping_address.line2", 200).When(a => a.Line2 is not null);
            RuleFor(a => a.City).Text("shipping_address.city", 100);
            RuleFor(a => a.PostalCode).Text("shipping_address.postal_code", 16)
                .Matches(PostalCodePattern()).WithMessage("'shipping_address.postal_code' may contain only letters, digits, spaces and '-'.");
            RuleFor(a => a.Country).NotEmpty().WithMessage("'shipping_address.country' is required.")
                .Matches(CountryPattern()).WithMessage("'shipping_address.country' must be an ISO 3166-1 alpha-2 code such as GB or DE.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 -]*$")]
    private static partial Regex PostalCodePattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}

/// What an order keeps sealed: who to tell and where to deliver.
public sealed record DeliveryDetails(string Email, ShippingAddress ShippingAddress)
{
    public const int MaxEmailLength = 254;

    public override string ToString() => "DeliveryDetails { [personal data] }";
}
