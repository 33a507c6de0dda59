using System.Diagnostics;
using Commerce.Testing;

namespace Commerce.IntegrationTests.Infrastructure;

/// Runs one of the repository's eng/ scripts as an operator would, failing the test with its output
/// when it exits non-zero.
public static class Scripts
{
    public static async Task Run(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(HostProcess.RepositoryRoot(), "eng", script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"eng/{script} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(process.ExitCode == 0, $"eng/{script} exited with {process.ExitCode}: {await output}{await errors}");
    }
}
