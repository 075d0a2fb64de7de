using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace SmartFactory.Web.Tests;

/// <summary>
/// A real SMTP server on a free loopback port: Debian's aiosmtpd (python3-aiosmtpd) with the handler smtp_sink.py, which
/// keeps each delivered message as a file. Stopped and started again on the same port to play a server that is down.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sf-smtp-" + Guid.NewGuid().ToString("N"));
    private Process? _server;
    private string _log = "";

    public int Port { get; } = FreePort();

    public SmtpSink()
    {
        Directory.CreateDirectory(_folder);
        Start();
    }

    /// <summary>The settings that send an app's mail here, with links under a public address.</summary>
    public Dictionary<string, string> Settings => new()
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = Port.ToString(),
        ["Mail:Tls"] = "None",
        ["Mail:From"] = "智能工厂自评测 <noreply@znzz.example.gov.cn>",
        ["Mail:PollSeconds"] = "1",
        ["Network:PublicBaseUrl"] = "https://znzz.example.gov.cn",
        ["AllowedHosts"] = "localhost",
    };

    public void Start()
    {
        // Debian's interpreter, where the package installs aiosmtpd (a python3 earlier on PATH may not have it).
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "smtp_sink.Sink", _folder])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONPATH"] = AppContext.BaseDirectory;
        _server = Process.Start(start)!;
        _server.ErrorDataReceived += (_, e) => _log += e.Data + "\n";
        _server.BeginErrorReadLine();
        _server.BeginOutputReadLine();
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until && !_server.HasExited)
            {
                Thread.Sleep(100);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"aiosmtpd did not start on port {Port} (apt-get install python3-aiosmtpd): {_log}", e);
            }
        }
    }

    /// <summary>The server goes away: connections to its port are refused until <see cref="Start"/>.</summary>
    public void Stop()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }
        _server?.Dispose();
        _server = null;
    }

    /// <summary>Every message delivered so far, parsed (headers and body decoded by MimeKit).</summary>
    public List<MimeMessage> Messages() => Directory.GetFiles(_folder, "*.eml").Order().Select(f => MimeMessage.Load(f)).ToList();

    /// <summary>The messages delivered to one address.</summary>
    public List<MimeMessage> To(string address) =>
        Messages().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits until <paramref name="done"/> holds (the app's worker sends every second), or fails saying what it waited for.</summary>
    public static async Task WaitUntilAsync(Func<bool> done, string what)
    {
        var until = DateTime.UtcNow + Patience;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < until, $"waited in vain for {what}");
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
