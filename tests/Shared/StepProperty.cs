using CsCheck;

namespace Commerce.Testing;

/// A world that runs one step at a time and fails (Assert.Fail) as soon as a rule is broken.
public interface IStepWorld<in TStep>
{
    Task Run(TStep stepToRun);
}

/// The property every module's aggregates share: for any generated sequence of steps, a fresh world
/// runs them all without breaking a rule. A failure is reported as the fewest steps that still fail.
public static class StepProperty
{
    public static async Task Holds<TStep>(Gen<TStep[]> sequences, Func<MartenReplay, IStepWorld<TStep>> newWorld, long iter = 1000)
    {
        using var replay = new MartenReplay();
        await sequences.SampleAsync(steps => Counterexample.Run(steps, s => Play(newWorld(replay), s)), iter: iter, print: Print);
    }

    public static string Print<TStep>(TStep[] steps) =>
        string.Join(Environment.NewLine, steps.Select((s, i) => $"  {i + 1,2}. {s}"));

    static async Task Play<TStep>(IStepWorld<TStep> world, IEnumerable<TStep> steps)
    {
        foreach (var step in steps) await world.Run(step);
    }
}
