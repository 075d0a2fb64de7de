using System.Text.Json;

namespace SmartFactory.Domain.Enterprises;

/// <param name="ReportsToProvince">True for the counties that report straight to the province, like cities (昆山市, 泰兴市, 沭阳县).</param>
public sealed record County(string Code, string Name, string CityCode, bool ReportsToProvince);

public sealed record City(string Code, string Name, IReadOnlyList<County> Counties);

public sealed record Industry(string Code, string Name, string Section);

/// <summary>Jiangsu's cities and counties (GB/T 2260) and the industry divisions (GB/T 4754), read from data files.</summary>
public sealed class Regions
{
    public required IReadOnlyList<City> Cities { get; init; }
    public required IReadOnlyList<Industry> Industries { get; init; }

    public City? City(string? code) => Cities.FirstOrDefault(c => c.Code == code);

    public County? County(string? code) => Cities.SelectMany(c => c.Counties).FirstOrDefault(c => c.Code == code);

    public Industry? Industry(string? code) => Industries.FirstOrDefault(i => i.Code == code);

    /// <summary>The division name for a county, city or province code.</summary>
    public string DivisionName(string? code) =>
        code == "320000" ? "江苏省" : City(code)?.Name ?? (County(code) is { } county ? $"{City(county.CityCode)!.Name}{county.Name}" : code ?? "");

    public static Regions Parse(string divisionsJson, string industriesJson, IReadOnlySet<string> reportToProvince)
    {
        using var divisions = JsonDocument.Parse(divisionsJson);
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
        return new Regions { Cities = cities, Industries = list };
    }
}
