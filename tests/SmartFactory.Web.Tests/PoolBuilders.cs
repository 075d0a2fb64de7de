using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain;
using SmartFactory.Domain.Contracts;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Tests;

/// <summary>Providers in the 服务商资源池, made as a provider makes them: registered, then the profile form posted.</summary>
public static class PoolBuilders
{
    /// <summary>A registered provider (signed in) and its user id.</summary>
    public static async Task<(Browser Browser, int Id)> ProviderAsync(AppFactory app, string organisation, string login)
    {
        var browser = app.Browser();
        var fields = ProviderTests.Registration(login);
        fields["Organisation"] = organisation;
        var registered = await browser.PostAsync("/Account/RegisterProvider", null, fields);
        Assert.Equal("/Providers", registered.Headers.Location?.OriginalString);
        return (browser, app.Query(db => db.Users.Single(u => u.Login == login).Id));
    }

    /// <summary>The profile form's fields: the offers (scenario → tier code), the cities, and one case.</summary>
    public static List<KeyValuePair<string, string>> Profile(IEnumerable<(int No, Tier Tier)> offers, params string[] cities)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Introduction", "专注离散制造的数字化改造。"), new("Contact", "025-88886666") };
        fields.AddRange(offers.Select(o => new KeyValuePair<string, string>($"Offers[{o.No}]", o.Tier.Code())));
        fields.AddRange(cities.Select(c => new KeyValuePair<string, string>("Cities", c)));
        fields.Add(new("Cases[0].Title", "设备联网与数据采集"));
        fields.Add(new("Cases[0].EnterpriseType", "汽车零部件 · 中型"));
        fields.Add(new("Cases[0].Text", "三个月完成 120 台设备联网。\n停机时间下降 15%。"));
        return fields;
    }

    public static async Task SaveProfileAsync(Browser provider, IEnumerable<(int No, Tier Tier)> offers, params string[] cities)
    {
        var saved = await provider.PostAsync("/Providers/Profile", null, Profile(offers, cities));
        Assert.Equal("/Providers/Profile?saved=true", saved.Headers.Location?.OriginalString);
    }

    /// <summary>The plan to the next tier of a stored submission, as the result page shows it.</summary>
    public static PlanDto Plan(AppFactory app, int submission) => JsonSerializer.Deserialize<GradeResultDto>(
        app.Query(db => db.AssessmentResults.Single(r => r.AssessmentId == submission).Json), Wire.Options)!.Plan!;

    /// <summary>A 企业用户 (not the administrator) of the enterprise, signed in.</summary>
    public static async Task<Browser> ColleagueAsync(AppFactory app, int enterpriseId, string login)
    {
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = new User { Login = login, DisplayName = "同事小李", Role = Role.EnterpriseUser, EnterpriseId = enterpriseId, SecurityStamp = Auth.NewStamp(), CreatedAt = DateTime.UtcNow };
            user.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, Builders.Password);
            db.Users.Add(user);
            db.SaveChanges();
        }
        return await Seed.SignInAsync(app, login);
    }
}
