namespace Commerce.BuildingBlocks.Errors;

/// A command that is well formed but not allowed in the current state (pay a cancelled order): 409.
public class DomainException(string message) : Exception(message);

/// The command names an order, product or payment that does not exist: 404.
public sealed class NotFoundException(string message) : Exception(message)
{
    // The texts for an order and a stream, in one place: the owner check answers another customer's
    // order with exactly the text the route gives one that does not exist.
    public static NotFoundException Order(string orderId, bool atAPoint = false) =>
        new($"Order '{orderId}' does not exist{(atAPoint ? " at that point" : "")}.");

    public static NotFoundException Checkout(string orderId) => new($"No checkout for order '{orderId}'.");

    public static NotFoundException Stream(string streamId, string? module) =>
        new(string.IsNullOrEmpty(module) ? $"No stream '{streamId}' in any module." : $"No stream '{streamId}' in {module}.");
}

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

/// No bearer token, or one the host does not accept (expired, another key or audience): 401.
public sealed class NotSignedInException(string message, bool tokenRefused) : Exception(message)
{
    public bool TokenRefused { get; } = tokenRefused;
}

/// A valid token whose user or roles may not do this: 403.
public sealed class ForbiddenException(string message) : Exception(message);

/// The caller spent its command budget: 429, with when to retry.
public sealed class TooManyRequestsException(TimeSpan retryAfter) : Exception(
    $"Too many commands from this caller; retry after {Seconds(retryAfter)} s.")
{
    public int RetryAfterSeconds { get; } = Seconds(retryAfter);

    // Retry-After is whole seconds, and never 0 (a client would retry at once).
    static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}

/// RabbitMQ's management API (queue counts, dead-letter replay) did not answer, or not as expected: 502.
public sealed class BrokerManagementException(string message, Exception? inner = null) : Exception(message, inner);
