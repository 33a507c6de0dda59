using Commerce.BuildingBlocks.Commands;
using Commerce.BuildingBlocks.Http;
using Commerce.BuildingBlocks.Validation;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;
using Wolverine.Marten;

namespace Commerce.Orders.Customers;

/// A customer's personal data was erased: their key was destroyed, so everything sealed under it
/// (up to Generation) reads as erased from now on. The audit trail of the erasure; the event's user is
/// the admin who erased.
public sealed record CustomerForgotten(string UserId, int Generation, string ForgottenBy, DateTimeOffset ForgottenAt);

/// The customer's own stream ("customer-{user id}"): the erasures of their personal data.
public sealed record CustomerPrivacy(string Id, int Erasures)
{
    public static string StreamKey(string userId) => $"customer-{userId}";

    public static CustomerPrivacy Create(CustomerForgotten e) => new(StreamKey(e.UserId), 1);

    public CustomerPrivacy Apply(CustomerForgotten e) => this with { Erasures = Erasures + 1 };
}

/// The right to erasure: destroys the customer's key. Their orders, totals, stock and payments stay;
/// their email, address and the addresses their requests came from read as erased everywhere.
public sealed record ForgetCustomer(string? CommandId, string UserId) : ICommand
{
    public string StreamKey => CustomerPrivacy.StreamKey(UserId);

    public sealed class Validator : AbstractValidator<ForgetCustomer>
    {
        public Validator()
        {
            RuleFor(c => c.CommandId).CommandId();
            RuleFor(c => c.UserId).Identifier("user_id");
        }
    }

    /// The erasure is recorded even when the customer has no key (nothing was ever sealed): a request
    /// to erase is answered and audited the same way.
    public static Events Decide(ForgetCustomer command, StoredCustomerKey? key, string admin, DateTimeOffset now) =>
        [new CustomerForgotten(command.UserId, key?.Generation ?? 0, admin, now)];
}

public static class ForgetCustomerEndpoint
{
    [WolverinePost("/api/v1/commands/forget-customer"), Tags("Customers"), Authorize(Policy = Policies.Admins)]
    public static Task<IResult> Post(ForgetCustomer command, CommandGateway gateway, IOrdersStore store, HttpContext http, CancellationToken ct) =>
        gateway.Send(store, command, http, ct);
}

public static class ForgetCustomerHandler
{
    public static async Task<CommandResult> Handle(ForgetCustomer command,
        [WriteAggregate(nameof(ForgetCustomer.StreamKey), Required = false)] IEventStream<CustomerPrivacy> stream,
        IDocumentSession session, CommandScope scope, CancellationToken ct)
    {
        var key = await session.LoadAsync<StoredCustomerKey>(command.UserId, ct);
        // The key goes in the same transaction as the event that says so.
        if (key is { Wrapped: not null }) session.Update(key with { Wrapped = null, ErasedAt = scope.Now, ErasedBy = session.LastModifiedBy });
        return scope.Accept(stream, ForgetCustomer.Decide(command, key, session.LastModifiedBy ?? "", scope.Now));
    }
}
