using System.Diagnostics;
using Commerce.Testing;

namespace Commerce.IntegrationTests.Infrastructure;

/// Runs one of the repository's eng/ scripts as an operator would, failing the test with its output
/// when it exits non-zero.
public static class Scripts
{
    public static async Task Run(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(HostProcess.RepositoryRoot(), "eng", script), .. arguments]);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var (exitCode, output) = await HostProcess.RunToEnd(start, TimeSpan.FromMinutes(5));
        Assert.True(exitCode == 0, $"eng/{script} exited with {exitCode}: {output}");
    }
}
