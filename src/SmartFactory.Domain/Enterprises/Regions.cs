using System.Text.Json;

namespace SmartFactory.Domain.Enterprises;

/// <param name="ReportsToProvince">True for the counties that report straight to the province, like cities (昆山市, 泰兴市, 沭阳县).</param>
public sealed record County(string Code, string Name, string CityCode, bool ReportsToProvince);

public sealed record City(string Code, string Name, IReadOnlyList<County> Counties);

public sealed record Province(string Code, string Name);

public sealed record Industry(string Code, string Name, string Section);

/// <summary>Jiangsu's cities and counties (GB/T 2260) and the industry divisions (GB/T 4754), read from data files.</summary>
public sealed class Regions
{
    /// <summary>Jiangsu, as the divisions file names it; its code is <see cref="Applications.ApplicationWorkflow.Province"/>.</summary>
    public required Province Province { get; init; }
    public required IReadOnlyList<City> Cities { get; init; }
    public required IReadOnlyList<Industry> Industries { get; init; }

    public City? City(string? code) => Cities.FirstOrDefault(c => c.Code == code);

    public County? County(string? code) => Cities.SelectMany(c => c.Counties).FirstOrDefault(c => c.Code == code);

    public Industry? Industry(string? code) => Industries.FirstOrDefault(i => i.Code == code);

    /// <summary>The division name for a county, city or province code.</summary>
    public string DivisionName(string? code) =>
        code == Province.Code ? Province.Name : City(code)?.Name ?? (County(code) is { } county ? $"{City(county.CityCode)!.Name}{county.Name}" : code ?? "");

    public static Regions Parse(string divisionsJson, string industriesJson, IReadOnlySet<string> reportToProvince)
    {
        using var divisions = JsonDocument.Parse(divisionsJson);
        var province = divisions.RootElement.GetProperty("province");
        var provinceCode = province.GetProperty("code").GetString();
        if (provinceCode != Applications.ApplicationWorkflow.Province)
        {
            // The workflow routes applications to the province by this code; a divisions file of another province is a bug.
            throw new InvalidOperationException($"区划数据的省级代码为“{provinceCode}”，应为 {Applications.ApplicationWorkflow.Province}（江苏省）。");
        }
        var cities = divisions.RootElement.GetProperty("cities").EnumerateArray().Select(c =>
        {
            var code = c.GetProperty("code").GetString()!;
            var counties = c.GetProperty("counties").EnumerateArray()
                .Select(k => new County(k.GetProperty("code").GetString()!, k.GetProperty("name").GetString()!, code, reportToProvince.Contains(k.GetProperty("code").GetString()!)))
                .ToList();
            return new City(code, c.GetProperty("name").GetString()!, counties);
        }).ToList();
        using var industries = JsonDocument.Parse(industriesJson);
        var list = industries.RootElement.GetProperty("sections").EnumerateArray().SelectMany(s =>
        {
            var section = s.GetProperty("code").GetString()!;
            return s.GetProperty("divisions").EnumerateArray()
                .Select(d => new Industry(d.GetProperty("code").GetString()!, d.GetProperty("name").GetString()!, section))
                .ToList();
        }).ToList();
        return new Regions { Province = new Province(provinceCode, province.GetProperty("name").GetString()!), Cities = cities, Industries = list };
    }
}
