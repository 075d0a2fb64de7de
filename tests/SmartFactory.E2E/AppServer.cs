using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SmartFactory.E2E;

/// <summary>
/// The real app on real Kestrel at a random loopback port, over its own SQLite file and evidence folder
/// (deleted afterwards), so a real browser can reach it.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sf-e2e-" + Guid.NewGuid().ToString("N"));

    public AppServer()
    {
        UseKestrel(0);
    }

    /// <summary>Where the browser goes, e.g. http://127.0.0.1:41234, without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public string Folder => _folder;

    /// <summary>Loads the demo data of the README (its named logins) into the fresh database at start.</summary>
    public bool SeedDemoData { get; init; }

    /// <summary>Settings over the defaults, e.g. the mail settings of an SMTP sink.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_folder, "app.db")}");
        builder.UseSetting("Database:SeedDemoData", SeedDemoData ? "true" : "false");
        builder.UseSetting("Evidence:Root", Path.Combine(_folder, "evidence"));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
