using SmartFactory.Domain.Catalogs;

namespace SmartFactory.Domain.Providers;

/// <summary>One short case a provider shows enterprises: what it did, for what kind of enterprise.</summary>
public sealed record ProviderCase(string Title, string EnterpriseType, string Text);

/// <summary>A provider's profile as typed on its page: raw strings, checked by <see cref="ProviderProfiles.Check"/>.</summary>
public sealed record ProviderProfileDraft(
    string? Introduction,
    string? Contact,
    IReadOnlyDictionary<int, string?> Offers,
    IReadOnlyList<string> Cities,
    IReadOnlyList<ProviderCase> Cases);

/// <summary>A checked profile: for each scenario it delivers, the highest tier it delivers it to (decision 032).</summary>
public sealed record ProviderProfile(
    string Introduction,
    string? Contact,
    IReadOnlyDictionary<int, Tier> Offers,
    IReadOnlyList<string> Cities,
    IReadOnlyList<ProviderCase> Cases);

/// <summary>The rules of a provider's profile, in one place: the page maps each problem (its place is the field) beside the field.</summary>
public static class ProviderProfiles
{
    public const int IntroductionMax = 300;
    public const int ContactMax = 60;
    public const int CasesMax = 3;
    public const int CaseTitleMax = 40;
    public const int CaseTypeMax = 30;
    public const int CaseTextMax = 300;
    public const int CaseLinesMax = 5;

    public static Checked<ProviderProfile> Check(ProviderProfileDraft draft, Catalog catalog, IReadOnlyCollection<string> cityCodes)
    {
        var problems = new List<Problem>();
        var introduction = Clean(draft.Introduction);
        if (introduction.Length == 0)
        {
            problems.Add(new("Introduction", "请填写机构简介。"));
        }
        TooLong(problems, "Introduction", "机构简介", introduction, IntroductionMax);
        var contact = Clean(draft.Contact);
        TooLong(problems, "Contact", "联系方式", contact, ContactMax);

        var offers = new SortedDictionary<int, Tier>();
        foreach (var (no, code) in draft.Offers)
        {
            if (string.IsNullOrEmpty(code) || code == "none")
            {
                continue;
            }
            if (catalog.Find(no) is null)
            {
                problems.Add(new($"Offers[{no}]", $"场景目录中没有编号为 {no} 的场景。"));
            }
            else if (!Tiers.TryParse(code, out var tier))
            {
                problems.Add(new($"Offers[{no}]", "请选择可提供的最高等级。"));
            }
            else
            {
                offers[no] = tier;
            }
        }
        if (offers.Count == 0 && !problems.Any(p => p.Place.StartsWith("Offers", StringComparison.Ordinal)))
        {
            problems.Add(new("Offers", "请至少选择一个可提供服务的场景及最高等级。"));
        }

        var cities = draft.Cities.Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        if (cities.Any(c => !cityCodes.Contains(c)))
        {
            problems.Add(new("Cities", "请从列表中选择服务的设区市。"));
        }
        else if (cities.Count == 0)
        {
            problems.Add(new("Cities", "请至少选择一个服务的设区市。"));
        }

        var cases = new List<ProviderCase>();
        for (var i = 0; i < draft.Cases.Count; i++)
        {
            var c = draft.Cases[i];
            var (title, type, text) = (Clean(c.Title), Clean(c.EnterpriseType), CleanLines(c.Text));
            if (title.Length == 0 && type.Length == 0 && text.Length == 0)
            {
                continue; // an empty slot is no case
            }
            if (i >= CasesMax)
            {
                problems.Add(new("Cases", $"最多填写 {CasesMax} 个案例。"));
                break;
            }
            var place = $"Cases[{i}]";
            if (title.Length == 0)
            {
                problems.Add(new($"{place}.Title", "请填写案例标题。"));
            }
            if (type.Length == 0)
            {
                problems.Add(new($"{place}.EnterpriseType", "请填写企业类型（如：汽车零部件 · 中型）。"));
            }
            if (text.Length == 0)
            {
                problems.Add(new($"{place}.Text", "请用几行文字说明做了什么、效果如何。"));
            }
            TooLong(problems, $"{place}.Title", "案例标题", title, CaseTitleMax);
            TooLong(problems, $"{place}.EnterpriseType", "企业类型", type, CaseTypeMax);
            TooLong(problems, $"{place}.Text", "案例说明", text, CaseTextMax);
            if (text.Split('\n').Length > CaseLinesMax)
            {
                problems.Add(new($"{place}.Text", $"案例说明最多 {CaseLinesMax} 行。"));
            }
            cases.Add(new ProviderCase(title, type, text));
        }

        return problems.Count > 0
            ? Checked<ProviderProfile>.Invalid(problems)
            : Checked<ProviderProfile>.Valid(new ProviderProfile(introduction, contact.Length == 0 ? null : contact, offers, cities, cases));
    }

    private static void TooLong(List<Problem> problems, string place, string label, string value, int max)
    {
        if (value.Length > max)
        {
            problems.Add(new(place, $"{label}最多 {max} 个字（现为 {value.Length} 个）。"));
        }
    }

    // Control characters other than the line break are dropped: they show as nothing and only hide text.
    private static string Clean(string? value) => new string((value ?? "").Where(ch => !char.IsControl(ch)).ToArray()).Trim();

    private static string CleanLines(string? value) => string.Join('\n',
        (value ?? "").ReplaceLineEndings("\n").Split('\n').Select(Clean).Where(l => l.Length > 0));
}
