namespace SmartFactory.Web.Reports;

/// <summary>
/// A download's file name: Chinese as it is (ASP.NET Core sends it as RFC 5987 <c>filename*</c> beside an ASCII
/// <c>filename</c>), with every character Windows refuses in a name (\ / : * ? " &lt; &gt; | and control characters) as
/// an underscore, so that an enterprise or division name cannot make the file unsavable (decision 035).
/// </summary>
public static class DownloadName
{
    public static string Of(string stem, string extension)
    {
        var safe = string.Concat(stem.Select(c => c is '\\' or '/' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c) ? '_' : c));
        return safe.Trim().TrimEnd('.') + extension;
    }
}
