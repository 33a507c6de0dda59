namespace Commerce.BuildingBlocks.Retention;

/// How long what grows without bound is kept (configuration section Retention).
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// A command's id is remembered this long: a repeat within it answers the first result, a repeat
    /// after it is a new command.
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromDays(7);

    /// An order's stream is archived this long after the order ended (shipped or cancelled, its
    /// checkout over). Longer than any late checkout message, which would append to it.
    public TimeSpan ArchiveOrdersAfter { get; set; } = TimeSpan.FromDays(30);

    /// A finished checkout's saga instance is kept this long after it ended (for late messages and
    /// support), then deleted.
    public TimeSpan CheckoutsKeptFor { get; set; } = TimeSpan.FromDays(30);

    /// How often a host tries to run the job (one host at a time runs it).
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// Rows or streams per transaction.
    public int BatchSize { get; set; } = 500;
}

/// One thing the job prunes or archives; the modules add theirs. Returns how many it handled.
public interface IRetentionTask
{
    string Name { get; }

    Task<int> Run(RetentionOptions options, DateTimeOffset now, CancellationToken ct);
}

public sealed record RetentionReport(bool Ran, string? Reason, IReadOnlyDictionary<string, int> Handled);
