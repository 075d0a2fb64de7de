namespace SmartFactory.E2E;

/// <summary>One app (with its own database) and one headless Debian Chromium per test class.</summary>
public class E2EFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public E2EFixture() : this(new AppServer())
    {
    }

    /// <summary>For fixtures whose app starts differently (xUnit wants one public constructor).</summary>
    protected E2EFixture(AppServer app) => App = app;

    public AppServer App { get; }

    public IBrowser Browser { get; private set; } = null!;

    private const string Chromium = "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: apt-get install chromium fonts-wqy-microhei (scripts/test.sh does it). No browser is ever downloaded.");
        }
        SetDefaultExpectTimeout(15_000);
        App.Start();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) at the app's address; desktop size unless told.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        App.Dispose();
    }
}
