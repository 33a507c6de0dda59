namespace Commerce.BuildingBlocks.Errors;

/// A command that is well formed but not allowed in the current state (pay a cancelled order): 409.
public class DomainException(string message) : Exception(message);

/// The command names an order, product or payment that does not exist: 404.
public sealed class NotFoundException(string message) : Exception(message);

/// Input that passed the shape checks but is still wrong (a price that differs from the catalog): 400.
public sealed class InvalidCommandException(string message, IReadOnlyDictionary<string, string[]>? errors = null) : Exception(message)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();
}

/// The same idempotency key was sent again with a different body: 422.
public sealed class IdempotencyKeyReusedException(string key) : Exception(
    $"Idempotency key '{key}' was already used with a different request body. Send a new key for a new request.");

/// The client's expected_version (or If-Match) is not the stream's version: 409, never retried.
public sealed class StaleVersionException(string message) : Exception(message);

/// An admin route was called without the admin key (401) or with a wrong one (403).
public sealed class AdminKeyException(bool keyMissing) : Exception(keyMissing
    ? "This route needs the admin key in the X-Admin-Key header."
    : "The admin key is not valid.")
{
    public bool KeyMissing { get; } = keyMissing;
}

/// RabbitMQ's management API (queue counts, dead-letter replay) did not answer, or not as expected: 502.
public sealed class BrokerManagementException(string message, Exception? inner = null) : Exception(message, inner);
