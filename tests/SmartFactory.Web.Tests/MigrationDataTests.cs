using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>Migrations that move stored data keep every byte of it, both ways, on both databases.</summary>
public sealed class MigrationDataTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task MovesEachSubmissionsResultToItsOwnTableAndBack(string provider)
    {
        using var app = new AppFactory { Provider = provider };
        var browser = app.Browser();
        await Builders.RegisterAsync(browser, 1);
        await Builders.CompleteAtAdvancedAsync(browser, Builders.Catalog(app));
        await browser.PostAsync("/Assessments/Submit", null, Builders.Pledge());
        var stored = app.Query(db => db.AssessmentResults.Single());
        var (id, frozen) = (stored.AssessmentId, stored.Json);

        Migrate(app, "RuleLibrary");
        var inColumn = app.Query(db => db.Database.SqlQuery<string>($"""SELECT "ResultJson" AS "Value" FROM "Assessments" WHERE "Id" = {id}""").Single());
        Migrate(app, null);

        Assert.Equal(frozen, inColumn);
        Assert.Equal(frozen, app.Query(db => db.AssessmentResults.Single(r => r.AssessmentId == id).Json));
        // Going below the sessions migration ended every session: the enterprise signs in again.
        var page = await (await Seed.SignInAsync(app, "admin1@example.com")).GetAsync($"/Assessments/Result/{id}");
        Assert.Equal("先进级", page.QuerySelector("[data-testid=reference-level]")!.TextContent.Trim());
    }

    private static void Migrate(AppFactory app, string? target) =>
        app.Query(db =>
        {
            db.GetService<IMigrator>().Migrate(target);
            return true;
        });
}
