using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.E2E;

/// <summary>The officials' enterprise and application lists on a 390 px phone: no sideways scrolling, names readable on one or two lines.</summary>
public sealed class OfficialPhoneTests(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    private const string LongName = "苏州工业园区智能精密制造装备股份有限公司";

    [Fact]
    public async Task Both_lists_fit_a_phone_with_names_readable()
    {
        SeedProvinceOfficialAndApplications();
        var page = await fixture.NewPageAsync(390, 844);
        await OfficialSteps.LoginAsync(page, "phone-province@js.gov.cn", "Phone2026x");

        foreach (var (url, shot) in new[] { ("/Officials", "phone-05-officials-list"), ("/Officials/Applications", "phone-06-officials-applications") })
        {
            await page.GotoAsync(url);
            await Expect(page.Locator("td.name").Filter(new() { HasText = LongName })).ToBeVisibleAsync();
            await Steps.ShotAsync(page, shot);
            var width = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
            Assert.True(width <= 390, $"{url} scrolls sideways on a phone: {width} > 390");
            var nameWidthInCharacters = await page.EvaluateAsync<double>(
                "() => { const td = document.querySelector('td.name'); return td.getBoundingClientRect().width / parseFloat(getComputedStyle(td).fontSize); }");
            Assert.True(nameWidthInCharacters > 12, $"the name cell of {url} is only {nameWidthInCharacters:0.0} characters wide");
        }

        // The county select follows the city without a reload, and the filter it sends lists that county only.
        await page.GotoAsync("/Officials/Applications");
        var county = page.Locator("select[name='Filter.County']");
        await Expect(county.Locator("option")).ToHaveCountAsync(105);
        await page.Locator("select[name='Filter.City']").SelectOptionAsync("320200");
        await Expect(county.Locator("option")).ToHaveCountAsync(8);
        await Expect(county.Locator("option").Nth(1)).ToHaveTextAsync("无锡市滨湖区");
        await county.SelectOptionAsync("320214");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("1");
        await Expect(page.Locator("td.name")).ToHaveTextAsync("无锡新吴汽车零部件有限公司");
    }

    /// <summary>A province official and three enterprises with applications, written straight into the app's database.</summary>
    private void SeedProvinceOfficialAndApplications()
    {
        using var scope = fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = new User
        {
            Login = "phone-province@js.gov.cn", DisplayName = "省厅手机测试", Role = Role.ProvinceOfficial, DivisionCode = "320000",
            SecurityStamp = Auth.NewStamp(), CreatedAt = DateTime.UtcNow,
        };
        user.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, "Phone2026x");
        db.Users.Add(user);
        var enterprises = new[] { (LongName, "320576", "91320576MA1XXXXX01"), ("昆山光电电子有限公司", "320583", "91320583MA1XXXXX02"), ("无锡新吴汽车零部件有限公司", "320214", "91320214MA1XXXXX03") };
        foreach (var (name, county, code) in enterprises)
        {
            var enterprise = new Enterprise
            {
                CreditCode = code, Name = name, CityCode = county[..4] + "00", CountyCode = county, IndustryCode = "38",
                Size = EnterpriseSize.Medium, IsAboveScale = true, ContactName = "联系人", ContactPhone = "0512-12345678", CreatedAt = DateTime.UtcNow,
            };
            var submission = new AssessmentRecord
            {
                Enterprise = enterprise, Year = DateTime.UtcNow.Year, Status = AssessmentStatus.Submitted, Edition = "2026", IsLatest = true,
                ReferenceLevel = 3, Index = 61.5, SubmittedAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.Assessments.Add(submission);
            db.SaveChanges();
            db.Applications.Add(new ApplicationRecord
            {
                EnterpriseId = enterprise.Id, AssessmentId = submission.Id, CountyCode = county, CityCode = enterprise.CityCode,
                CountyReportsToProvince = county == "320583", State = ApplicationState.AtProvince, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
        }
        db.SaveChanges();
    }
}
