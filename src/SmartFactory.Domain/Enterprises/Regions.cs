using System.Text.Json;

namespace SmartFactory.Domain.Enterprises;

public sealed record County(string Code, string Name, string CityCode);

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

    public static Regions Parse(string divisionsJson, string industriesJson)
    {
        using var divisions = JsonDocument.Parse(divisionsJson);
        var cities = divisions.RootElement.GetProperty("cities").EnumerateArray().Select(c =>
        {
            var code = c.GetProperty("code").GetString()!;
            var counties = c.GetProperty("counties").EnumerateArray()
                .Select(k => new County(k.GetProperty("code").GetString()!, k.GetProperty("name").GetString()!, code))
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
