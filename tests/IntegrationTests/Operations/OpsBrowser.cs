using Commerce.IntegrationTests.Infrastructure;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Commerce.IntegrationTests.Operations;

/// A host of its own, as a process with a real port, in a database and virtual host of their own (its
/// replay moves every dead letter of the virtual host), and Debian's headless Chromium driven through
/// chromedriver (eng/test.sh installs both; nothing is downloaded).
public sealed class OpsBrowser : IAsyncLifetime
{
    public TestServices Services { get; } = new();

    public ProcessApp Host { get; private set; } = null!;

    public Uri Address => new($"http://127.0.0.1:{Host.Port}");

    public async Task InitializeAsync()
    {
        await Services.CreateAsync();
        // An order placed without a card waits for payment for the whole test: a checkout in flight.
        Host = await ProcessApp.Start("ops", Services, new Dictionary<string, string> { ["Checkout:PaymentWaitTimeout"] = "00:30:00" });
    }

    public static ChromeDriver OpenChromium()
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Executable("chromedriver"))!, "chromedriver");
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Executable("chromium") };
        // Root in CI: Chromium's sandbox refuses to run as root; /dev/shm is small in containers.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1100");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    static string Executable(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Append("/usr/bin"))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException($"'{name}' is not installed: eng/test.sh installs Debian's chromium and chromium-driver.");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Services.DropAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OpsPage : ICollectionFixture<OpsBrowser>
{
    public const string Name = "ops-page";
}
