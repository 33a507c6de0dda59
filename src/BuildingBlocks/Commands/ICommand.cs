namespace Commerce.BuildingBlocks.Commands;

/// A command sent over HTTP. Its id makes it idempotent: the first result is stored with the events.
public interface ICommand
{
    string? CommandId { get; }
}

/// A command on an existing stream that may say which version the client last saw (409 when moved on).
public interface IVersionedCommand : ICommand
{
    long? ExpectedVersion { get; }
}

/// A command that names the user it acts for: at the HTTP edge, the token's user (CommandGateway).
public interface IUserCommand : ICommand
{
    string? UserId { get; }

    IUserCommand ForUser(string user);
}
