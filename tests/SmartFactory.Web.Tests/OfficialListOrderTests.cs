using AngleSharp.Html.Dom;
using SmartFactory.Domain;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>What both officials' lists share: names and options in pinyin order on either database, and the county filter that follows the city.</summary>
public sealed class OfficialListOrderTests
{
    /// <summary>In pinyin order: an 安, 北, 常 … 扬 (in code-point order 北 南 安 常 徐 扬 无 苏).</summary>
    private static readonly string[] InPinyinOrder =
        ["安达机械有限公司", "北辰电子有限公司", "常青材料有限公司", "南方精工有限公司", "苏新光电有限公司", "无为汽配有限公司", "徐记纺织有限公司", "扬帆化工有限公司"];

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task BothListsSortNamesInPinyinOrder(string provider)
    {
        using var app = new AppFactory { Provider = provider };
        var shuffled = InPinyinOrder.Order(StringComparer.Ordinal).ToArray();
        Assert.NotEqual(InPinyinOrder, shuffled);
        for (var i = 0; i < shuffled.Length; i++)
        {
            var enterprise = Seed.Enterprise(app, i + 1, Seed.HuqiuCounty, shuffled[i]);
            Seed.Submission(app, enterprise, Tier.Advanced);
            Seed.Application(app, enterprise);
        }
        var official = await Seed.OfficialAsync(app, Role.CountyOfficial, Seed.HuqiuCounty);

        var enterprises = await official.GetAsync("/Officials");
        Assert.Equal(InPinyinOrder, ApplicationListTests.Names(enterprises));
        var descending = await official.GetAsync(SortLink(enterprises, "企业名称"));
        Assert.Equal(InPinyinOrder.Reverse(), ApplicationListTests.Names(descending));

        var applications = await official.GetAsync("/Officials/Applications");
        var byName = await official.GetAsync(SortLink(applications, "企业"));
        Assert.Equal(InPinyinOrder, ApplicationListTests.Names(byName));
        Assert.Equal(InPinyinOrder.Reverse(), ApplicationListTests.Names(await official.GetAsync(SortLink(byName, "企业"))));
    }

    [Fact]
    public async Task CityCountyAndIndustryOptionsAreInPinyinOrderOnTheListsAndTheRegistration()
    {
        using var app = new AppFactory();
        var province = await Seed.OfficialAsync(app, Role.ProvinceOfficial, "320000");

        string[] cities = ["常州市", "淮安市", "连云港市", "南京市", "南通市", "苏州市", "宿迁市", "泰州市", "无锡市", "徐州市", "盐城市", "扬州市", "镇江市"];
        var list = await province.GetAsync("/Officials");
        Assert.Equal(cities, Options(list, "Filter.City"));
        var register = await app.Browser().GetAsync("/Account/Register");
        Assert.Equal(cities, register.QuerySelectorAll("select[name='Input.CountyCode'] optgroup").Select(g => g.GetAttribute("label")));
        Assert.Equal(Options(list, "Filter.Industry"), Options(register, "Input.IndustryCode"));
        var industries = Options(list, "Filter.Industry");
        Assert.Equal(industries.Order(StringComparer.Create(new System.Globalization.CultureInfo("zh-CN"), false)), industries);
        Assert.StartsWith("电气机械和器材制造业", industries.Single(i => i.EndsWith("（38）", StringComparison.Ordinal)));
        var suzhou = Options(await province.GetAsync($"/Officials?Filter.City={Seed.Suzhou}"), "Filter.County");
        Assert.Equal(suzhou.Order(StringComparer.Create(new System.Globalization.CultureInfo("zh-CN"), false)), suzhou);
    }

    [Theory]
    [InlineData("/Officials")]
    [InlineData("/Officials/Applications")]
    public async Task TheCountyFilterOffersTheChosenCitysCountiesAndIgnoresAnotherCitysCountyWithAMessage(string path)
    {
        using var app = new AppFactory();
        var enterprise = Seed.Enterprise(app, 1, Seed.XinwuCounty, "新吴汽车配件有限公司");
        Seed.Submission(app, enterprise, Tier.Advanced);
        Seed.Application(app, enterprise);
        var province = await Seed.OfficialAsync(app, Role.ProvinceOfficial, "320000");

        var all = await province.GetAsync(path);
        Assert.Equal(104, Options(all, "Filter.County").Count);
        Assert.Null(all.QuerySelector("[data-testid=filter-notice]")?.TextContent);
        var wuxi = await province.GetAsync($"{path}?Filter.City={Seed.Wuxi}");
        Assert.Equal(["无锡市滨湖区", "无锡市惠山区", "无锡市江阴市", "无锡市梁溪区", "无锡市锡山区", "无锡市新吴区", "无锡市宜兴市"], Options(wuxi, "Filter.County"));

        var mismatched = await province.GetAsync($"{path}?Filter.City={Seed.Wuxi}&Filter.County={Seed.HuqiuCounty}");
        Assert.Equal("苏州市虎丘区不属于无锡市。已忽略这些筛选条件。", mismatched.QuerySelector("[data-testid=filter-notice]")!.TextContent);
        Assert.Equal(["新吴汽车配件有限公司"], ApplicationListTests.Names(mismatched));
        Assert.Null(mismatched.QuerySelector("select[name='Filter.County'] option[selected]"));
        Assert.DoesNotContain("Filter.County", SortLink(mismatched, path == "/Officials" ? "企业名称" : "企业"));

        var unknown = await province.GetAsync($"{path}?Filter.County=329999");
        Assert.Equal("区县代码“329999”不存在。已忽略这些筛选条件。", unknown.QuerySelector("[data-testid=filter-notice]")!.TextContent);
        Assert.Equal(1, ApplicationListTests.Total(unknown));
    }

    private static List<string> Options(IHtmlDocument page, string name) =>
        page.QuerySelectorAll($"select[name='{name}'] option").Skip(1).Select(o => o.TextContent).ToList();

    private static string SortLink(IHtmlDocument page, string column) =>
        page.QuerySelectorAll("thead a").Single(a => a.TextContent == column).GetAttribute("href")!;
}
