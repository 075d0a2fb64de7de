using System.Text;

namespace SmartFactory.Web.Tests;

/// <summary>One row of AuthorizationMatrix.md: an endpoint, the request that exercises it, and one expected outcome per principal.</summary>
public sealed record MatrixRow(EndpointKey Endpoint, string Request, IReadOnlyDictionary<string, string> Expected)
{
    /// <summary>The URL part of the request column (placeholders unfilled).</summary>
    public string Url => Request.Split(' ', 2)[0];

    /// <summary>What follows the URL: a form (<c>a=1&amp;b=2</c>) or a JSON body; empty when none.</summary>
    public string Body => Request.Split(' ', 2) is [_, var body] ? body : "";
}

/// <summary>Reads and writes the expected-outcome table: a Markdown table whose rows are the lines that start with "| GET " etc.</summary>
public static class MatrixTable
{
    public static string Path => System.IO.Path.Combine(ReportBuilders.RepositoryRoot(), "tests", "SmartFactory.Web.Tests", "AuthorizationMatrix.md");

    public static List<MatrixRow> Read(string text, IReadOnlyList<Principal> principals)
    {
        var rows = new List<MatrixRow>();
        string[]? header = null;
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('|')))
        {
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells[0] == "endpoint")
            {
                header = cells;
                var columns = principals.Select(p => p.Column).ToArray();
                Assert.True(header[2..].SequenceEqual(columns), $"the table's columns should be: endpoint | request | {string.Join(" | ", columns)}");
                continue;
            }
            if (header is null || cells[0].StartsWith('-'))
            {
                continue;
            }
            Assert.True(cells.Length == header.Length, $"this row has {cells.Length} cells, not {header.Length}: {line}");
            rows.Add(new MatrixRow(EndpointKey.Parse(cells[0]), cells[1], header[2..].Zip(cells[2..]).ToDictionary(p => p.First, p => p.Second)));
        }
        return rows;
    }

    public static string Line(EndpointKey endpoint, string request, IEnumerable<string> outcomes) =>
        $"| {endpoint} | {request} | {string.Join(" | ", outcomes)} |";

    /// <summary>The table's text with its rows replaced by <paramref name="lines"/>, the prose around it kept.</summary>
    public static string Replace(string text, IReadOnlyList<Principal> principals, IEnumerable<string> lines)
    {
        var before = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimStart().StartsWith('|'))
            {
                break;
            }
            before.Append(line).Append('\n');
        }
        var columns = principals.Select(p => p.Column).ToList();
        return before
            + $"| endpoint | request | {string.Join(" | ", columns)} |\n"
            + $"|---|---|{string.Concat(columns.Select(_ => "---|"))}\n"
            + string.Join("\n", lines) + "\n";
    }

    /// <summary>A request for an endpoint without a row: its route with each parameter as a placeholder of the same name.</summary>
    public static string DefaultRequest(EndpointKey endpoint) =>
        System.Text.RegularExpressions.Regex.Replace(endpoint.Route, @"\{\*{0,2}([A-Za-z]+)[^}]*\}", "{$1}");
}
