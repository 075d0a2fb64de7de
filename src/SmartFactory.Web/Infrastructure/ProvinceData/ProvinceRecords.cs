using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;

namespace SmartFactory.Web.Infrastructure.ProvinceData;

/// <summary>
/// One generated enterprise at a time, with everything it owns: its administrator, up to three yearly submissions
/// frozen by <see cref="Drafts.Freeze"/> (the app's own grader, figures, snapshot and result JSON, IsLatest on the
/// last), sometimes a draft, sometimes a 省先进级 application (<see cref="ProvinceApplications"/>). Each enterprise
/// has a maturity that its city leans up (苏南) or down (苏北) and that grows by a tier a year or so, so cities differ
/// and the rounds show a trend.
/// </summary>
internal sealed class ProvinceRecords
{
    /// <summary>Share of enterprises per city, in the order of data/regions (南京 … 宿迁): manufacturing is heaviest in 苏锡常 and 南通.</summary>
    private static readonly int[] CityWeights = [8, 13, 5, 10, 25, 10, 3, 3, 5, 5, 4, 6, 3];

    /// <summary>Chance per city (same order) that an enterprise's maturity is one tier higher (+) or lower (−) than the province's draw.</summary>
    private static readonly double[] CityLean = [0.30, 0.30, -0.15, 0.20, 0.35, 0.10, -0.30, -0.25, -0.15, 0.05, 0.05, 0, -0.35];

    /// <summary>The big manufacturing divisions weigh more; mining (B) and utilities (D) are rare.</summary>
    private static readonly HashSet<string> MajorIndustries = ["38", "39", "34", "35", "36", "26", "33", "17", "30", "29", "40", "27", "32", "31"];

    private static readonly string[] Brands =
    [
        "恒力", "华盛", "永鼎", "亨通", "天合", "远东", "新纪元", "东方", "金陵", "润达", "宏图", "中天", "瑞丰", "锦华", "常发",
        "海澜", "阳光", "双良", "长江", "汇川", "博达", "精研", "联创", "万达", "新宇", "鑫源", "凯瑞", "捷成", "苏美", "通润",
    ];

    private static readonly string[] Suffixes = ["有限公司", "股份有限公司", "科技有限公司", "制造有限公司", "集团有限公司"];

    private readonly EditionLibrary _library;
    private readonly Catalog _catalog;
    private readonly List<string> _requirementKeys;
    private readonly Regions _regions;
    private readonly ProvincePlan _plan;
    private readonly Random _random;
    private readonly ProvinceSeeder.ProvinceIds _ids;
    private readonly ProvinceSeeder.Writers _w;
    private readonly List<County> _allCounties;
    private readonly Industry[] _industries;
    private readonly int[] _industryWeights;
    private readonly ProvinceApplications _applications;

    public int Submitted { get; private set; }
    public int Earlier { get; private set; }
    public int DraftCount { get; private set; }
    public int Applications => _applications.Count;

    /// <summary>Reference levels of the latest submissions: none, workshop … leading.</summary>
    public int[] Levels { get; } = new int[6];

    public ProvinceRecords(EditionLibrary library, Regions regions, ProvincePlan plan, Random random, ProvinceSeeder.ProvinceIds ids, ProvinceSeeder.Writers writers)
    {
        (_library, _regions, _plan, _random, _ids, _w) = (library, regions, plan, random, ids, writers);
        _catalog = library.Current;
        _requirementKeys = library.RuleSetFor(_catalog.Edition)!.BasicRequirements.Keys.ToList();
        _allCounties = regions.Cities.SelectMany(c => c.Counties).ToList();
        _industries = regions.Industries.ToArray();
        _industryWeights = _industries.Select(i => i.Section != "C" ? 1 : MajorIndustries.Contains(i.Code) ? 40 : 10).ToArray();
        _applications = new ProvinceApplications(regions, plan, random, ids, writers);
    }

    public void Enterprise(int n)
    {
        // The first enterprises go one to each county, so every county-level unit has some at any size from 104 up.
        var city = n < _allCounties.Count ? _regions.Cities.ToList().FindIndex(c => c.Code == _allCounties[n].CityCode) : Pick(CityWeights);
        var county = n < _allCounties.Count ? _allCounties[n] : _regions.Cities[city].Counties[_random.Next(_regions.Cities[city].Counties.Count)];
        var industry = _industries[Pick(_industryWeights)];
        var size = (EnterpriseSize)(1 + Pick([5, 20, 45, 30]));
        var enterprise = new Enterprise
        {
            Id = _ids.Enterprise++,
            CreditCode = Code(county.Code, n),
            Name = Name(county, industry),
            CityCode = county.CityCode,
            CountyCode = county.Code,
            IndustryCode = industry.Code,
            Size = size,
            IsAboveScale = size != EnterpriseSize.Micro && _random.NextDouble() < 0.8,
            IsFlagshipChain = _random.NextDouble() < 0.01,
            ContactName = "联系人",
            ContactPhone = $"0512-{6000_0000 + n % 1000_0000}",
            CreatedAt = _plan.Now.AddDays(-_random.Next(800, 1200)),
        };
        _w.Enterprises.Add(enterprise);
        var admin = new User
        {
            Id = _ids.User++, Login = $"admin{enterprise.Id}@{_plan.LoginDomain}", DisplayName = "企业管理员", Role = Role.EnterpriseAdmin,
            EnterpriseId = enterprise.Id, PasswordHash = _plan.AdminPasswordHash, SecurityStamp = Auth.NewStamp(), CreatedAt = enterprise.CreatedAt,
        };
        _w.Users.Add(admin);

        var maturity = Lean(AssessmentGenerator.Maturity(_random), CityLean[city]);
        var roll = _random.NextDouble();
        if (roll < 0.70)
        {
            var latestAt = _plan.Now.AddDays(-_random.Next(240)).AddMinutes(-_random.Next(1440));
            // A third of the submitters took part in earlier rounds, a third of those in two: a tier lower a year before.
            var rounds = _random.NextDouble() < 0.3 ? _random.NextDouble() < 0.35 ? 3 : 2 : 1;
            for (var r = rounds - 1; r >= 1; r--)
            {
                var before = Submission(enterprise, admin.Id, latestAt.AddDays(-365 * r + _random.Next(-30, 31)), Math.Max(0, maturity - r));
                before.IsLatest = false;
                Add(before);
                Earlier++;
            }
            var latest = Submission(enterprise, admin.Id, latestAt, maturity);
            Add(latest);
            Submitted++;
            Levels[latest.ReferenceLevel!.Value]++;
            if (_random.NextDouble() < 0.05)
            {
                Add(Draft(enterprise, admin.Id, latestAt + (_plan.Now - latestAt) * _random.NextDouble(), maturity));
                DraftCount++;
            }
            // About 1 % of all enterprises: a sixth of those at 先进级 or above apply.
            if (latest.ReferenceLevel >= (int)Tier.Advanced && _random.NextDouble() < 0.06)
            {
                _applications.Apply(enterprise, latest);
            }
        }
        else if (roll < 0.80)
        {
            Add(Draft(enterprise, admin.Id, _plan.Now.AddDays(-_random.Next(90)), maturity));
            DraftCount++;
        }
    }

    private void Add(AssessmentRecord a)
    {
        a.Id = _ids.Assessment++;
        _w.Assessments.Add(a);
        if (a.Result is { } result)
        {
            result.AssessmentId = a.Id;
            _w.Results.Add(result);
        }
        foreach (var r in a.Ratings)
        {
            r.Id = _ids.Rating++;
            r.AssessmentId = a.Id;
            _w.Ratings.Add(r);
        }
        foreach (var f in a.Figures)
        {
            f.Id = _ids.Figure++;
            f.AssessmentId = a.Id;
            _w.Figures.Add(f);
        }
    }

    /// <summary>Generated ratings submitted as the app submits: graded and frozen by <see cref="Drafts.Freeze"/>.</summary>
    private AssessmentRecord Submission(Enterprise enterprise, int userId, DateTime at, int maturity)
    {
        var a = Answers(enterprise, userId, at, maturity, _catalog.Scenarios.Count);
        a.PledgeSignatory = "法定代表人";
        a.PledgePosition = "总经理";
        a.PledgeDate = DateOnly.FromDateTime(at.AddHours(8));
        Drafts.Freeze(a, _library, userId, at);
        return a;
    }

    private AssessmentRecord Draft(Enterprise enterprise, int userId, DateTime at, int maturity)
    {
        var draft = Answers(enterprise, userId, at, maturity, _random.Next(0, _catalog.Scenarios.Count + 1));
        if (_random.NextDouble() < 0.5)
        {
            (draft.DtScore, draft.DtDate, draft.CmmmLevel) = (null, null, null);
        }
        return draft;
    }

    private AssessmentRecord Answers(Enterprise enterprise, int userId, DateTime at, int maturity, int rated)
    {
        var generated = AssessmentGenerator.One(_catalog, _random, maturity);
        var ratings = _catalog.Scenarios.Take(rated).Select(s =>
        {
            var rating = generated.Ratings[s.No];
            var built = rating.Level is not null;
            // Mostly the enterprise's own words; one in ten built scenarios carries the boilerplate the review flags look for.
            var evidence = !built ? null : _random.NextDouble() < 0.1
                ? $"已建成{s.Name}相关系统并投入使用。"
                : $"{enterprise.Name[..Math.Min(6, enterprise.Name.Length)]}于{at.Year - 1 - _random.Next(3)}年建成{s.Name}系统，覆盖{1 + _random.Next(12)}条产线。";
            return new RatingRecord
            {
                ScenarioNo = s.No,
                Level = rating.Level.Ordinal(),
                Ai = rating.Ai,
                Evidence = evidence,
                EvidenceHash = Drafts.EvidenceHash(evidence),
                UpdatedAt = at,
                UpdatedBy = userId,
            };
        }).ToList();
        return new AssessmentRecord
        {
            EnterpriseId = enterprise.Id,
            Year = at.AddHours(8).Year,
            Status = AssessmentStatus.Draft,
            Edition = _catalog.Edition,
            DtScore = generated.DtScore,
            DtDate = DateOnly.FromDateTime(at.AddDays(-30)),
            CmmmLevel = generated.CmmmLevel,
            BasicRequirements = string.Join(",", generated.BasicRequirementsMet ? _requirementKeys : _requirementKeys.Take(_requirementKeys.Count - 1)),
            Ratings = ratings,
            CreatedAt = at.AddDays(-7),
            CreatedBy = userId,
            UpdatedAt = at,
            UpdatedBy = userId,
        };
    }

    private int Lean(int maturity, double lean) =>
        _random.NextDouble() >= Math.Abs(lean) ? maturity : Math.Clamp(maturity + Math.Sign(lean), 0, 5);

    /// <summary>A valid, unique credit code registered in the county.</summary>
    private static string Code(string county, int n)
    {
        var first17 = $"91{county}MA{n:D6}0";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    private string Name(County county, Industry industry)
    {
        var place = _random.Next(2) == 0 ? _regions.City(county.CityCode)!.Name[..2] : county.Name.Length > 2 ? county.Name[..^1] : county.Name;
        return $"{place}{Brands[_random.Next(Brands.Length)]}{industry.Name[..2]}{Suffixes[_random.Next(Suffixes.Length)]}";
    }

    private int Pick(int[] weights)
    {
        var r = _random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            r -= weights[i];
            if (r < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }
}
