using System.Text.Json;
using System.Text.RegularExpressions;

namespace SmartFactory.E2E;

/// <summary>The app with the README's demo data and logins, for pages that need a province's worth of figures.</summary>
public sealed class DemoDataFixture() : E2EFixture(new AppServer { SeedDemoData = true });

/// <summary>The province official's dashboard: the ECharts map of the cities, hover and click into a city, the trend.</summary>
public sealed class DashboardMapTests(DemoDataFixture fixture) : IClassFixture<DemoDataFixture>
{
    private static readonly string[] Cities = ["南京市", "无锡市", "徐州市", "常州市", "苏州市", "南通市", "连云港市", "淮安市", "盐城市", "扬州市", "镇江市", "泰州市", "宿迁市"];

    /// <summary>An ECharts instance's option (as JSON) once its first series has data; null until then.</summary>
    private const string OptionOf = """
        id => {
          const chart = echarts.getInstanceByDom(document.getElementById(id));
          const option = chart && chart.getOption();
          return option && option.series && option.series.length && option.series[0].data && option.series[0].data.length ? JSON.stringify(option) : null;
        }
        """;

    /// <summary>The names of the areas of a registered map (the vendored boundary file).</summary>
    private const string AreasOf = "code => { const m = echarts.getMap(code); return (m.geoJSON || m.geoJson).features.map(f => f.properties.name); }";

    /// <summary>Where a longitude/latitude is on the page, through the map series' own projection.</summary>
    private const string PixelOf = """
        ([id, lng, lat]) => {
          const el = document.getElementById(id);
          const [x, y] = echarts.getInstanceByDom(el).convertToPixel({ seriesIndex: 0 }, [lng, lat]);
          const box = el.getBoundingClientRect();
          return [box.left + x, box.top + y];
        }
        """;

    [Fact]
    public async Task The_province_official_sees_the_city_map_hovers_Suzhou_opens_it_and_sees_the_trend()
    {
        var page = await fixture.NewPageAsync();
        // A CSP refusal or a script error shows as a console error (the browser's own favicon request aside).
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal)) errors.Add($"{message.Text} {message.Location}");
        };
        await OfficialSteps.LoginAsync(page, "province@demo.cn", "Demo2026");
        await page.GetByRole(AriaRole.Link, new() { Name = "数据看板" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Officials/Dashboard$"));

        var map = page.GetByTestId("region-map");
        await Expect(map.Locator("canvas").First).ToBeVisibleAsync();
        using (var option = await OptionAsync(page, "region-map"))
        {
            var series = option.RootElement.GetProperty("series")[0];
            Assert.Equal("320000", series.GetProperty("map").GetString());
            Assert.Contains("苏州市", series.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        }
        Assert.Equal(Cities.Order(), (await page.EvaluateAsync<string[]>(AreasOf, "320000")).Order());

        // 苏州's old town, inside the city's boundary: the tooltip names the city and its counts by level.
        await map.ScrollIntoViewIfNeededAsync();
        var suzhou = await page.EvaluateAsync<double[]>(PixelOf, new object[] { "region-map", 120.62, 31.32 });
        await page.Mouse.MoveAsync((float)suzhou[0], (float)suzhou[1]);
        var tip = map.Locator(".chart-tip");
        await Expect(tip).ToContainTextAsync("苏州市");
        await Expect(tip).ToContainTextAsync("未提交：");
        await Expect(tip).ToContainTextAsync("基础级及以上：");
        await Steps.ShotAsync(page, "dashboard-01-province-map");

        await page.Mouse.ClickAsync((float)suzhou[0], (float)suzhou[1]);
        await Expect(page).ToHaveURLAsync(new Regex(@"/Officials/Dashboard\?city=320500$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("苏州市");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "基础级及以上企业占比（按区县）" })).ToBeVisibleAsync();
        await Expect(map.Locator("canvas").First).ToBeVisibleAsync();
        using (var option = await OptionAsync(page, "region-map"))
        {
            var series = option.RootElement.GetProperty("series")[0];
            Assert.Equal("320500", series.GetProperty("map").GetString());
            var counties = await page.EvaluateAsync<string[]>(AreasOf, "320500");
            Assert.Contains("虎丘区", counties);
            Assert.Contains("昆山市", counties);
            Assert.All(series.GetProperty("data").EnumerateArray(), d => Assert.Contains(d.GetProperty("name").GetString(), counties));
        }

        var trend = page.GetByTestId("level-trend");
        await Expect(trend.Locator("canvas").First).ToBeVisibleAsync();
        using (var option = await OptionAsync(page, "level-trend"))
        {
            var years = option.RootElement.GetProperty("xAxis")[0].GetProperty("data").EnumerateArray().Select(y => y.GetString()!).ToList();
            Assert.NotEmpty(years);
            Assert.All(years, y => Assert.Matches(@"^\d{4} 年$", y));
            Assert.Equal(["未达到智能车间", "智能车间", "基础级", "先进级", "卓越级", "领航级"],
                option.RootElement.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        }
        await Expect(page.GetByTestId("goal-by-region").Locator("canvas").First).ToBeVisibleAsync();
        await page.GetByTestId("level-trend").ScrollIntoViewIfNeededAsync();
        await Steps.ShotAsync(page, "dashboard-02-city-map-and-trend");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static async Task<JsonDocument> OptionAsync(IPage page, string id)
    {
        var handle = await page.WaitForFunctionAsync(OptionOf, id);
        return JsonDocument.Parse(await handle.JsonValueAsync<string>());
    }
}
