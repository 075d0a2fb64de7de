using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SmartFactory.Web.Tests;

/// <summary>
/// Two real node processes of the published app (a and b, each with its own working folder and HOME, as on two
/// machines) on one fresh PostgreSQL database of the suite's server, migrated once by the <c>migrate</c> command, with
/// a province administrator from <c>create-admin</c>, behind a real nginx running deploy/nginx/smartfactory.conf
/// (through scripts/nginx-config.sh) on a free loopback port. Everything is stopped and the database dropped afterwards.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public const string OfficialLogin = "province-admin@example.gov.cn";
    public const int GradePerMinute = 10;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly string _work = Path.Combine(Path.GetTempPath(), "sf-nodes-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, Node> _nodes = new() { ["a"] = new(FreePort()), ["b"] = new(FreePort()) };
    private readonly HttpClient _probe = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
    private Process? _nginx;
    private bool _disposed;
    private string _app = "";

    private string DatabaseName => "sf_nodes_" + Path.GetFileName(_work)[9..];

    public string ConnectionString => $"{AppFactory.PostgresServer};Database={DatabaseName}";

    public int NginxPort { get; } = FreePort();

    public string BaseUrl => $"http://127.0.0.1:{NginxPort}";

    public IReadOnlyCollection<string> NodeNames => _nodes.Keys;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        _app = await PublishedApp.PathAsync();
        await AdminAsync($"CREATE DATABASE \"{DatabaseName}\"");
        try
        {
            await RunToEndAsync("migrate");
            await RunToEndAsync("create-admin", "--login", OfficialLogin, "--name", "省厅管理员", "--password", Builders.Password);
            await EnsureRunningAsync();
        }
        catch
        {
            // A fixture that fails to start is not disposed by xunit: no process or database may outlive it.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts whichever node is not running (and nginx), then waits until nginx alternates between both.</summary>
    public async Task EnsureRunningAsync()
    {
        foreach (var (name, node) in _nodes.Where(n => n.Value.Process is not { HasExited: false }))
        {
            node.Process = Start(name, node.Port);
        }
        foreach (var (name, node) in _nodes)
        {
            await WaitReadyAsync($"http://127.0.0.1:{node.Port}/readyz", () => $"node {name}: {node.Log}");
        }
        _nginx ??= StartNginx();
        // A node nginx counted as failed is skipped for fail_timeout (10 s) even when it is back.
        await WaitUntilAsync(async () =>
        {
            var first = await ReadyNodeAsync();
            var second = await ReadyNodeAsync();
            return first is not null && second is not null && first != second;
        }, "nginx to alternate between both nodes");
    }

    /// <summary>kill -9: no shutdown, no flushing, like a pulled plug.</summary>
    public void Kill(string name)
    {
        var process = _nodes[name].Process!;
        process.Kill();
        process.WaitForExit(10_000);
    }

    /// <summary>A browser through nginx whose every response's node (X-SmartFactory-Node) is recorded in order.</summary>
    public (Browser Browser, List<string> Served) Browser()
    {
        var served = new List<string>();
        var handler = new NodeRecorder(served) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true } };
        return (new Browser(new HttpClient(handler) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) }), served);
    }

    public async Task<T> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private Process Start(string name, int port)
    {
        var folder = Path.Combine(_work, "node-" + name);
        Directory.CreateDirectory(Path.Combine(folder, "home"));
        var node = _nodes[name];
        var process = AppProcess(folder, "--contentRoot", Path.GetDirectoryName(_app)!, "--urls", $"http://127.0.0.1:{port}");
        var env = process.StartInfo.Environment;
        env["Network__NodeName"] = name;
        env["Database__MigrateOnStart"] = "false";
        env["Network__KnownProxies__0"] = "127.0.0.1";
        env["Network__PublicBaseUrl"] = BaseUrl;
        env["RateLimits__GradePerMinute"] = GradePerMinute.ToString();
        // Each node's own folder, as on two machines: no evidence may depend on a folder the other node cannot see.
        env["Evidence__Root"] = Path.Combine(folder, "evidence");
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The published app as one machine's process: own working folder and HOME, the fixture's database.</summary>
    private Process AppProcess(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(_app);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["HOME"] = Path.Combine(folder, "home");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["Database__ConnectionString"] = ConnectionString;
        start.Environment["Database__SeedDemoData"] = "false";
        return new Process { StartInfo = start };
    }

    private async Task RunToEndAsync(params string[] args)
    {
        var folder = Path.Combine(_work, "admin");
        Directory.CreateDirectory(Path.Combine(folder, "home"));
        using var process = AppProcess(folder, args);
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{string.Join(' ', args)} exited {process.ExitCode}: {await output}{await error}");
    }

    private Process StartNginx()
    {
        var folder = Path.Combine(_work, "nginx");
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "nginx.conf");
        var generate = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(PublishedApp.RepositoryRoot, "scripts", "nginx-config.sh"), folder, NginxPort.ToString() }
            .Concat(_nodes.Values.Select(n => $"127.0.0.1:{n.Port}")))
        {
            generate.ArgumentList.Add(arg);
        }
        using (var generator = Process.Start(generate)!)
        {
            File.WriteAllText(config, generator.StandardOutput.ReadToEnd());
            generator.WaitForExit(10_000);
            Assert.True(generator.ExitCode == 0, generator.StandardError.ReadToEnd());
        }
        return Process.Start(NginxStart("-g", "daemon off;")) ?? throw new InvalidOperationException("nginx did not start: apt-get install nginx-light (scripts/test.sh does it)");
    }

    private ProcessStartInfo NginxStart(params string[] args)
    {
        var folder = Path.Combine(_work, "nginx");
        var nginx = new ProcessStartInfo(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx");
        foreach (var arg in new[] { "-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", Path.Combine(folder, "nginx.conf") }.Concat(args))
        {
            nginx.ArgumentList.Add(arg);
        }
        return nginx;
    }

    private async Task<string?> ReadyNodeAsync()
    {
        try
        {
            using var response = await _probe.GetAsync($"{BaseUrl}/readyz");
            return response.StatusCode == HttpStatusCode.OK && response.Headers.TryGetValues(NodeRecorder.Header, out var node) ? node.First() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private async Task WaitReadyAsync(string url, Func<string> diagnostics) =>
        await WaitUntilAsync(async () =>
        {
            try
            {
                using var response = await _probe.GetAsync(url);
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, $"{url} to answer 200", diagnostics);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, Func<string>? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException($"waited {ReadyTimeout.TotalSeconds} s for {what}. {diagnostics?.Invoke()}");
            }
            await Task.Delay(200);
        }
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection($"{AppFactory.PostgresServer};Database=postgres");
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_nginx is { HasExited: false })
        {
            // SIGTERM through nginx's own -s stop: a killed master would leave its worker holding the port.
            using var stop = Process.Start(NginxStart("-s", "stop"))!;
            stop.WaitForExit(10_000);
            _nginx.WaitForExit(10_000);
        }
        foreach (var process in _nodes.Values.Select(n => n.Process).Append(_nginx).OfType<Process>())
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(10_000);
            }
            process.Dispose();
        }
        _probe.Dispose();
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Node(int port)
    {
        private readonly ConcurrentQueue<string> _log = new();

        public int Port => port;

        public Process? Process { get; set; }

        /// <summary>The last lines the node printed, for a failure message.</summary>
        public string Log => string.Join('\n', _log.TakeLast(40));

        public void Append(string? line)
        {
            if (line is not null)
            {
                _log.Enqueue(line);
            }
        }
    }
}

/// <summary>Writes down which node served each response, from the header every node adds.</summary>
public sealed class NodeRecorder(List<string> served) : DelegatingHandler
{
    public const string Header = "X-SmartFactory-Node";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        lock (served)
        {
            served.Add(response.Headers.TryGetValues(Header, out var node) ? node.First() : "?");
        }
        return response;
    }
}
