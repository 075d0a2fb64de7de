using SmartFactory.DataFiles;

namespace SmartFactory.Web.Infrastructure;

public static class Editions
{
    /// <summary>Loads and validates catalogs, rule sets and regions at start-up; a bad data file stops the start with its problems.</summary>
    public static void AddEditionsAndRegions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(DataFolder.RequireEditions(DataFolder.Beside));
        builder.Services.AddSingleton(DataFolder.LoadRegions(DataFolder.Beside));
        builder.Services.AddSingleton(TimeProvider.System);
    }
}
