using System.Diagnostics;
using Npgsql;

namespace SmartFactory.Web.Data;

/// <summary>
/// Runs PostgreSQL's own programs (pg_dump, pg_restore, psql) on the site's connection: the Npgsql connection string
/// becomes libpq's environment variables, so the password never appears on a command line.
/// </summary>
public static class PostgresTools
{
    public sealed record Result(int Exit, string Error);

    /// <summary>
    /// The program in <paramref name="folder"/> (<c>--pg-bin</c>) if given, else in the newest
    /// /usr/lib/postgresql/N/bin (pg_dump must be at least the server's version), else on PATH.
    /// </summary>
    public static string Find(string program, string? folder)
    {
        if (folder is not null)
        {
            return Path.Combine(folder, program);
        }
        var newest = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0)).MaxBy(d => d.Version).Dir
            : null;
        return newest is not null && File.Exists(Path.Combine(newest, "bin", program)) ? Path.Combine(newest, "bin", program) : program;
    }

    public static async Task<Result> RunAsync(string program, IEnumerable<string> args, string connectionString)
    {
        using var process = Start(program, args, connectionString, input: false);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        return new Result(process.ExitCode, await error);
    }

    /// <summary>
    /// Runs <paramref name="first"/> into the input of <paramref name="second"/>. The second's input is closed only when
    /// the first succeeded: if the first fails (a truncated dump), the second is killed before it reaches its end, so a
    /// psql transaction is never committed on part of a stream.
    /// </summary>
    public static async Task<Result> PipeAsync(string first, IEnumerable<string> firstArgs, string second, IEnumerable<string> secondArgs, string connectionString)
    {
        using var producer = Start(first, firstArgs, connectionString, input: false);
        using var consumer = Start(second, secondArgs, connectionString, input: true);
        var producerError = producer.StandardError.ReadToEndAsync();
        var consumerError = consumer.StandardError.ReadToEndAsync();
        var consumerOutput = consumer.StandardOutput.ReadToEndAsync();
        try
        {
            await producer.StandardOutput.BaseStream.CopyToAsync(consumer.StandardInput.BaseStream);
        }
        catch (IOException)
        {
            // The consumer stopped reading (psql stopped at an error); its exit code and message say why.
        }
        await producer.WaitForExitAsync();
        if (producer.ExitCode != 0)
        {
            consumer.Kill();
            await consumer.WaitForExitAsync();
            return new Result(producer.ExitCode, await producerError);
        }
        try
        {
            consumer.StandardInput.Close();
        }
        catch (IOException)
        {
        }
        await consumer.WaitForExitAsync();
        await consumerOutput;
        return new Result(consumer.ExitCode, await consumerError);
    }

    private static Process Start(string program, IEnumerable<string> args, string connectionString, bool input)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in Environment(connectionString))
        {
            start.Environment[name] = value;
        }
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"无法运行 {program}（{e.Message}）；安装 PostgreSQL 客户端程序，或用 --pg-bin 指明其所在文件夹。", e);
        }
    }

    /// <summary>libpq's variables for an Npgsql connection string; "Host=a:5433,b:5434" becomes PGHOST=a,b and PGPORT=5433,5434.</summary>
    public static Dictionary<string, string> Environment(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var hosts = (b.Host ?? "localhost").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(h => HostAndPort(h, b.Port)).ToList();
        var variables = new Dictionary<string, string>
        {
            ["PGHOST"] = string.Join(",", hosts.Select(h => h.Host)),
            ["PGPORT"] = string.Join(",", hosts.Select(h => h.Port)),
            ["PGDATABASE"] = b.Database ?? "",
            ["PGUSER"] = b.Username ?? System.Environment.UserName,
            ["PGCLIENTENCODING"] = "UTF8",
            ["PGAPPNAME"] = "smartfactory-backup",
            ["PGCONNECT_TIMEOUT"] = b.Timeout.ToString(),
            ["PGSSLMODE"] = b.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            },
        };
        if (b.Password is { } password)
        {
            variables["PGPASSWORD"] = password;
        }
        if (b.TargetSessionAttributes is { } attributes)
        {
            variables["PGTARGETSESSIONATTRS"] = attributes;
        }
        return variables;
    }

    private static (string Host, int Port) HostAndPort(string host, int port)
    {
        // "name:port" or "[v6]:port"; a bare IPv6 address has more than one colon and no port.
        var colon = host.LastIndexOf(':');
        var hasPort = colon > host.LastIndexOf(']') && (host.StartsWith('[') || host.Count(c => c == ':') == 1);
        return hasPort && int.TryParse(host[(colon + 1)..], out var p) ? (host[..colon].Trim('[', ']'), p) : (host.Trim('[', ']'), port);
    }
}
