using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Benchmarks;

/// <summary>
/// Fills an empty database with a province's worth of enterprises for the web load tests (docs/benchmarks.md):
/// enterprises over all 13 cities and 104 counties and the GB/T 4754 industries; about 70 % with a latest
/// submission made as the app makes it (generated ratings, <see cref="Drafts.Freeze"/>: the real grader, the
/// snapshot and result JSON, the dashboard figures), a fifth of those with an earlier one, some drafts, about 1 %
/// with a 省先进级 application; an administrator per enterprise; and three officials with a known password.
/// </summary>
public static class ProvinceSeeder
{
    public const string Password = "Load2026";

    /// <summary>The officials to log in as: province, 苏州市, 苏州市虎丘区.</summary>
    public static readonly (string Login, string Name, Role Role, string Division)[] Officials =
    [
        ("province@load.test", "省厅（压测）", Role.ProvinceOfficial, "320000"),
        ("suzhou@load.test", "苏州市工信局（压测）", Role.CityOfficial, "320500"),
        ("huqiu@load.test", "虎丘区工信局（压测）", Role.CountyOfficial, "320505"),
    ];

    /// <summary>Enterprises per transaction.</summary>
    private const int Batch = 2000;

    /// <summary>Share of enterprises per city, in the order of data/regions (南京 … 宿迁): manufacturing is heaviest in 苏锡常 and 南通.</summary>
    private static readonly int[] CityWeights = [8, 13, 5, 10, 25, 10, 3, 3, 5, 5, 4, 6, 3];

    /// <summary>The big manufacturing divisions weigh more; mining (B) and utilities (D) are rare.</summary>
    private static readonly HashSet<string> MajorIndustries = ["38", "39", "34", "35", "36", "26", "33", "17", "30", "29", "40", "27", "32", "31"];

    private static readonly string[] Brands =
    [
        "恒力", "华盛", "永鼎", "亨通", "天合", "远东", "新纪元", "东方", "金陵", "润达", "宏图", "中天", "瑞丰", "锦华", "常发",
        "海澜", "阳光", "双良", "长江", "汇川", "博达", "精研", "联创", "万达", "新宇", "鑫源", "凯瑞", "捷成", "苏美", "通润",
    ];

    private static readonly string[] Suffixes = ["有限公司", "股份有限公司", "科技有限公司", "制造有限公司", "集团有限公司"];

    public static int Run(int count, string provider, string connectionString, int seed, TextWriter output)
    {
        var total = Stopwatch.StartNew();
        using var db = Create(provider, connectionString);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Database.Migrate();
        output.WriteLine($"Migrated {provider} in {total.Elapsed.TotalSeconds:F1} s");
        if (db.Enterprises.Any())
        {
            output.WriteLine("The database already has enterprises; seed an empty one.");
            return 1;
        }

        var library = Editions.LoadLibrary();
        var catalog = library.Current;
        var regions = LoadRegions();
        var counties = regions.Cities.Select(c => c.Counties).ToArray();
        var industries = regions.Industries.ToArray();
        var industryWeights = industries.Select(i => i.Section != "C" ? 1 : MajorIndustries.Contains(i.Code) ? 40 : 10).ToArray();
        var random = new Random(seed);
        var baseTime = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

        db.Database.OpenConnection();
        var connection = db.Database.GetDbConnection();
        if (db.Database.IsSqlite())
        {
            // What the app sets on start (WAL); for this connection only, NORMAL (WAL's usual durability) makes the
            // bulk commits cheap and a 256 MB page cache keeps the indexes' random inserts (evidence hashes) in memory.
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, "PRAGMA synchronous=NORMAL;");
            Execute(connection, "PRAGMA cache_size=-262144;");
        }

        var enterprises = new BulkInsert<Enterprise>(db);
        var users = new BulkInsert<User>(db);
        var assessments = new BulkInsert<AssessmentRecord>(db, maxRowsPerStatement: 200);
        var ratings = new BulkInsert<RatingRecord>(db);
        var figures = new BulkInsert<SubmissionFigure>(db);
        var applications = new BulkInsert<ApplicationRecord>(db);
        var events = new BulkInsert<ApplicationEvent>(db);
        var writers = new Action<DbConnection, DbTransaction>[]
        {
            enterprises.Flush, users.Flush, assessments.Flush, ratings.Flush, figures.Flush, applications.Flush, events.Flush,
        };

        var enterpriseId = (int)BulkInsert<Enterprise>.NextId(connection, db);
        var userId = (int)BulkInsert<User>.NextId(connection, db);
        var assessmentId = (int)BulkInsert<AssessmentRecord>.NextId(connection, db);
        var ratingId = (int)BulkInsert<RatingRecord>.NextId(connection, db);
        var figureId = BulkInsert<SubmissionFigure>.NextId(connection, db);
        var applicationId = (int)BulkInsert<ApplicationRecord>.NextId(connection, db);
        var eventId = BulkInsert<ApplicationEvent>.NextId(connection, db);

        // One PBKDF2 hash per official; the enterprise administrators share one hash of the same password (a salted hash verifies for any user).
        var hasher = new PasswordHasher<User>();
        var officialIds = new Dictionary<Role, int>();
        foreach (var (login, name, role, division) in Officials)
        {
            var official = NewUser(userId++, login, name, role, baseTime.AddDays(-120));
            official.DivisionCode = division;
            official.PasswordHash = hasher.HashPassword(official, Password);
            officialIds[role] = official.Id;
            users.Add(official);
        }
        var sharedHash = hasher.HashPassword(NewUser(0, "x", "x", Role.EnterpriseAdmin, baseTime), Password);

        var levels = new int[7];
        int submitted = 0, earlier = 0, drafts = 0, appCount = 0;
        var gradeTime = TimeSpan.Zero;
        var writeTime = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        var seedStart = Stopwatch.StartNew();

        for (var n = 0; n < count; n++)
        {
            var city = Pick(random, CityWeights);
            var county = counties[city][random.Next(counties[city].Count)];
            var industry = industries[Pick(random, industryWeights)];
            var size = (EnterpriseSize)(1 + Pick(random, [5, 20, 45, 30]));
            var enterprise = new Enterprise
            {
                Id = enterpriseId++,
                CreditCode = Code(county.Code, n),
                Name = Name(random, regions, county, industry),
                CityCode = county.CityCode,
                CountyCode = county.Code,
                IndustryCode = industry.Code,
                Size = size,
                IsAboveScale = size != EnterpriseSize.Micro && random.NextDouble() < 0.8,
                IsFlagshipChain = random.NextDouble() < 0.01,
                ContactName = "联系人",
                ContactPhone = $"0512-{6000_0000 + n % 1000_0000}",
                CreatedAt = baseTime.AddDays(-random.Next(200, 700)),
            };
            enterprises.Add(enterprise);
            var admin = NewUser(userId++, $"admin{enterprise.Id}@load.test", "企业管理员", Role.EnterpriseAdmin, enterprise.CreatedAt);
            admin.EnterpriseId = enterprise.Id;
            admin.PasswordHash = sharedHash;
            users.Add(admin);

            var roll = random.NextDouble();
            var started = Stopwatch.GetTimestamp();
            if (roll < 0.70)
            {
                if (random.NextDouble() < 0.2)
                {
                    var before = Submission(random, library, catalog, enterprise, admin.Id, baseTime.AddDays(-365 - random.Next(240)));
                    before.IsLatest = false;
                    Add(before);
                    earlier++;
                }
                var latest = Submission(random, library, catalog, enterprise, admin.Id, baseTime.AddDays(-random.Next(240)).AddMinutes(random.Next(1440)));
                Add(latest);
                submitted++;
                levels[latest.ReferenceLevel!.Value]++;
                if (random.NextDouble() < 0.05)
                {
                    Add(Draft(random, library, catalog, enterprise, admin.Id, baseTime.AddDays(-random.Next(30))));
                    drafts++;
                }
                // About 1 % of all enterprises: a sixth of those at 先进级 or above apply.
                if (latest.ReferenceLevel >= (int)Tier.Advanced && random.NextDouble() < 0.06)
                {
                    Apply(enterprise, latest);
                    appCount++;
                }
            }
            else if (roll < 0.80)
            {
                Add(Draft(random, library, catalog, enterprise, admin.Id, baseTime.AddDays(-random.Next(90))));
                drafts++;
            }
            gradeTime += Stopwatch.GetElapsedTime(started);

            if ((n + 1) % Batch == 0 || n + 1 == count)
            {
                var writing = Stopwatch.GetTimestamp();
                using (var transaction = connection.BeginTransaction())
                {
                    foreach (var flush in writers)
                    {
                        flush(connection, transaction);
                    }
                    transaction.Commit();
                }
                writeTime += Stopwatch.GetElapsedTime(writing);
                if (clock.Elapsed.TotalSeconds >= 10 || n + 1 == count)
                {
                    output.WriteLine($"  {n + 1:N0} enterprises, {seedStart.Elapsed.TotalSeconds:F1} s");
                    clock.Restart();
                }
            }
        }
        var seeding = seedStart.Elapsed;

        var finishing = Stopwatch.StartNew();
        if (db.Database.IsNpgsql())
        {
            // Keys were set explicitly; move each identity sequence past them so the app's own inserts do not collide.
            foreach (var table in new[] { enterprises.Table, users.Table, assessments.Table, ratings.Table, figures.Table, applications.Table, events.Table })
            {
                Execute(connection, $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT MAX(\"Id\") FROM \"{table}\"))");
            }
            // What autovacuum would do shortly after such a load; SQLite is left as the app leaves it.
            Execute(connection, "ANALYZE");
        }
        else
        {
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        db.Database.CloseConnection();

        output.WriteLine($"Seeded {count:N0} enterprises into {provider} in {seeding.TotalSeconds:F1} s "
            + $"(generate + grade {gradeTime.TotalSeconds:F1} s, write {writeTime.TotalSeconds:F1} s), finish {finishing.Elapsed.TotalSeconds:F1} s, total {total.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"  latest submissions {submitted:N0}, earlier submissions {earlier:N0}, drafts {drafts:N0}, applications {appCount:N0}");
        output.WriteLine($"  reference levels of the latest: {string.Join(", ", levels.Take(6).Select((c, i) => $"{(i == 0 ? "none" : ((Tier)i).ToString())} {c:N0}"))}");
        foreach (var writer in new (string Table, long Rows)[]
        {
            (enterprises.Table, enterprises.Rows), (users.Table, users.Rows), (assessments.Table, assessments.Rows), (ratings.Table, ratings.Rows),
            (figures.Table, figures.Rows), (applications.Table, applications.Rows), (events.Table, events.Rows),
        })
        {
            output.WriteLine($"  {writer.Table,-18} {writer.Rows,12:N0} rows");
        }
        output.WriteLine($"  officials (password {Password}): {string.Join(", ", Officials.Select(o => $"{o.Login} ({o.Division})"))}");
        return 0;

        void Add(AssessmentRecord a)
        {
            a.Id = assessmentId++;
            assessments.Add(a);
            foreach (var r in a.Ratings)
            {
                r.Id = ratingId++;
                r.AssessmentId = a.Id;
                ratings.Add(r);
            }
            foreach (var f in a.Figures)
            {
                f.Id = figureId++;
                f.AssessmentId = a.Id;
                figures.Add(f);
            }
        }

        void Apply(Enterprise enterprise, AssessmentRecord latest)
        {
            var at = latest.SubmittedAt!.Value.AddDays(1 + random.Next(10));
            var application = new ApplicationRecord
            {
                Id = applicationId++,
                EnterpriseId = enterprise.Id,
                AssessmentId = latest.Id,
                CountyCode = enterprise.CountyCode,
                CityCode = enterprise.CityCode,
                CountyReportsToProvince = regions.County(enterprise.CountyCode)!.ReportsToProvince,
                Flagship = enterprise.IsFlagshipChain,
                CreatedAt = at,
                CreatedBy = latest.SubmittedBy!.Value,
            };
            var route = application.Route;
            var state = ApplicationWorkflow.Start(route);
            AddEvent(application, at, application.CreatedBy, enterprise.Name, "企业", null, state, null, null);
            // Each application goes a random number of steps along its route; one in ten is returned at its last step.
            var steps = random.Next(0, 5);
            for (var s = 0; s < steps && ApplicationWorkflow.Holder(state, route) is { } holder; s++)
            {
                var action = random.NextDouble() < 0.1 ? ApplicationAction.Return : ApplicationWorkflow.AllowedActions(state)[0];
                var comment = action == ApplicationAction.Return ? "材料不全，请补充后重新提交。" : null;
                var transition = ApplicationWorkflow.Apply(state, route, holder, action, comment, 2026);
                at = at.AddDays(1 + random.Next(14));
                var (role, roleName) = holder.Level switch
                {
                    OfficialLevel.County => (Role.CountyOfficial, "区县工信部门"),
                    OfficialLevel.City => (Role.CityOfficial, "设区市工信部门"),
                    _ => (Role.ProvinceOfficial, "省工信厅"),
                };
                AddEvent(application, at, officialIds[role], roleName, roleName, state, transition.To!.Value, action, comment);
                state = transition.To.Value;
                if (state == ApplicationState.Recognised)
                {
                    application.BatchYear = 2026;
                }
            }
            application.State = state;
            // Bulk inserts bypass AppDbContext.SaveChanges, which derives the holder columns: derive them the same way here.
            var holderNow = ApplicationWorkflow.Holder(state, route);
            (application.HolderLevel, application.HolderDivision) = (holderNow?.Level, holderNow?.DivisionCode);
            application.UpdatedAt = at;
            applications.Add(application);
        }

        void AddEvent(ApplicationRecord application, DateTime at, int user, string userName, string role, ApplicationState? from, ApplicationState to, ApplicationAction? action, string? comment) =>
            events.Add(new ApplicationEvent
            {
                Id = eventId++, ApplicationId = application.Id, At = at, UserId = user, UserName = userName, Role = role,
                From = from, To = to, Action = action, Comment = comment,
            });
    }

    public static AppDbContext Create(string provider, string connectionString) => provider switch
    {
        "Sqlite" => new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite(Database.SqliteConnectionString(connectionString)).Options),
        "Postgres" => new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(connectionString).Options),
        _ => throw new ArgumentException("--provider is Sqlite or Postgres."),
    };

    /// <summary>Generated ratings (<see cref="AssessmentGenerator"/>) submitted as the app submits: graded and frozen by <see cref="Drafts.Freeze"/>.</summary>
    private static AssessmentRecord Submission(Random random, EditionLibrary library, Catalog catalog, Enterprise enterprise, int userId, DateTime at)
    {
        var a = Answers(random, library, catalog, enterprise, userId, at, catalog.Scenarios.Count);
        a.PledgeSignatory = "法定代表人";
        a.PledgePosition = "总经理";
        a.PledgeDate = DateOnly.FromDateTime(at);
        Drafts.Freeze(a, library, userId, at);
        return a;
    }

    private static AssessmentRecord Draft(Random random, EditionLibrary library, Catalog catalog, Enterprise enterprise, int userId, DateTime at)
    {
        var draft = Answers(random, library, catalog, enterprise, userId, at, random.Next(0, catalog.Scenarios.Count + 1));
        if (random.NextDouble() < 0.5)
        {
            (draft.DtScore, draft.DtDate, draft.CmmmLevel) = (null, null, null);
        }
        return draft;
    }

    private static AssessmentRecord Answers(Random random, EditionLibrary library, Catalog catalog, Enterprise enterprise, int userId, DateTime at, int rated)
    {
        var generated = AssessmentGenerator.One(catalog, random);
        var keys = library.RuleSetFor(catalog.Edition)!.BasicRequirements.Keys.ToList();
        var ratings = catalog.Scenarios.Take(rated).Select(s =>
        {
            var rating = generated.Ratings[s.No];
            var built = rating.Level is not null;
            // Mostly the enterprise's own words; one in ten built scenarios carries the boilerplate the review flags look for.
            var evidence = !built ? null : random.NextDouble() < 0.1
                ? $"已建成{s.Name}相关系统并投入使用。"
                : $"{enterprise.Name[..Math.Min(6, enterprise.Name.Length)]}于{at.Year - 1 - random.Next(3)}年建成{s.Name}系统，覆盖{1 + random.Next(12)}条产线。";
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
            Edition = catalog.Edition,
            DtScore = generated.DtScore,
            DtDate = DateOnly.FromDateTime(at.AddDays(-30)),
            CmmmLevel = generated.CmmmLevel,
            BasicRequirements = string.Join(",", generated.BasicRequirementsMet ? keys : keys.Take(keys.Count - 1)),
            Ratings = ratings,
            CreatedAt = at.AddDays(-7),
            CreatedBy = userId,
            UpdatedAt = at,
            UpdatedBy = userId,
        };
    }

    private static User NewUser(int id, string login, string name, Role role, DateTime at) => new()
    {
        Id = id,
        Login = login,
        DisplayName = name,
        Role = role,
        SecurityStamp = Auth.NewStamp(),
        CreatedAt = at,
    };

    /// <summary>A valid, unique credit code registered in the county.</summary>
    private static string Code(string county, int n)
    {
        var first17 = $"91{county}MA{n:D6}0";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    private static string Name(Random random, Regions regions, County county, Industry industry)
    {
        var place = random.Next(2) == 0 ? regions.City(county.CityCode)!.Name[..2] : county.Name.Length > 2 ? county.Name[..^1] : county.Name;
        return $"{place}{Brands[random.Next(Brands.Length)]}{industry.Name[..2]}{Suffixes[random.Next(Suffixes.Length)]}";
    }

    private static Regions LoadRegions()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "data", "regions");
        var reporting = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "reporting.json")))
            .RootElement.GetProperty("reportToProvince").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        return Regions.Parse(File.ReadAllText(Path.Combine(dir, "jiangsu-divisions.json")), File.ReadAllText(Path.Combine(dir, "industries-gbt4754.json")), reporting);
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int Pick(Random random, int[] weights)
    {
        var r = random.Next(weights.Sum());
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
