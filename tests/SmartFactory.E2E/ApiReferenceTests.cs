namespace SmartFactory.E2E;

/// <summary>Issue 16 part 3: the API reference page on an intranet with no way out, as an integrator opens it (decision 037).</summary>
public sealed class ApiReferenceTests(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    [Fact]
    public async Task The_reference_page_shows_the_api_with_nothing_from_outside_and_no_hosted_service()
    {
        var page = await fixture.NewPageAsync();
        var outside = new List<string>();
        await page.Context.RouteAsync(url => !url.StartsWith(fixture.App.BaseUrl, StringComparison.Ordinal), async route =>
        {
            lock (outside)
            {
                outside.Add(route.Request.Url);
            }
            await route.AbortAsync();
        });

        await page.GotoAsync("/api/reference");

        await Expect(page.GetByText("无状态评级").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "需令牌" })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Steps.ShotAsync(page, "api-reference-01-offline");
        foreach (var hosted in new[] { "Ask AI", "Deploy", "Share", "Open API Client", "Download OpenAPI Document", "Generate SDKs" })
        {
            await Expect(page.GetByText(hosted, new() { Exact = false })).ToHaveCountAsync(0);
        }
        Assert.True(outside.Count == 0, "the page asked another host for: " + string.Join(", ", outside.Distinct()));
    }
}
