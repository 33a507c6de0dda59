namespace Commerce.Testing;

/// CsCheck shrinks by looking for smaller random cases, which leaves steps in a failing sequence that
/// play no part in it. This finishes the job the way a reader would: drop each step in turn while the
/// sequence still fails, until none can go, then fail with that sequence and what it broke.
public static class Counterexample
{
    public static async Task Run<T>(T[] steps, Func<T[], Task> run)
    {
        if (await Failure(steps, run) is not { } failure) return;
        var smallest = steps;
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < smallest.Length;)
            {
                T[] fewer = [.. smallest[..i], .. smallest[(i + 1)..]];
                if (await Failure(fewer, run) is { } stillFails)
                {
                    (smallest, failure, changed) = (fewer, stillFails, true);
                }
                else
                {
                    i++;
                }
            }
        }
        Assert.Fail($"These {smallest.Length} steps (of {steps.Length} generated) break it:{Environment.NewLine}{StepProperty.Print(smallest)}" +
            $"{Environment.NewLine}{failure.Message}");
    }

    static async Task<Exception?> Failure<T>(T[] steps, Func<T[], Task> run)
    {
        try
        {
            await run(steps);
            return null;
        }
#pragma warning disable CA1031 // any exception is a failure of the property, to be shrunk and reported
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }
}
