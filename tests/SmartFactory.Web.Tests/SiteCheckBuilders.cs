using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Tests;

/// <summary>Experts, assignments and site checks for the tests of 现场核查 (decision 026), and the expert's form as a browser posts it.</summary>
public static class SiteCheckBuilders
{
    /// <summary>An expert of the pool, created in the database with <see cref="Builders.Password"/>.</summary>
    public static (int Id, string Login) Expert(AppFactory app, string city, string industries = "38", string? name = null) => With(app, (db, services) =>
    {
        var login = $"expert-{city}-{Guid.NewGuid().ToString("N")[..6]}@expert.example.cn";
        var user = new User { Login = login, DisplayName = name ?? login, Role = Role.Expert, SecurityStamp = Auth.NewStamp(), CreatedAt = DateTime.UtcNow };
        user.PasswordHash = services.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, Builders.Password);
        db.Users.Add(user);
        db.ExpertProfiles.Add(new ExpertProfile { User = user, CityCode = city, Industries = industries, Unit = "东南大学" });
        db.SaveChanges();
        return (user.Id, login);
    });

    public static async Task<(Browser Browser, int Id)> ExpertAsync(AppFactory app, string city, string industries = "38", string? name = null)
    {
        var (id, login) = Expert(app, city, industries, name);
        return (await Seed.SignInAsync(app, login), id);
    }

    public static void Assign(AppFactory app, int applicationId, int expertId, string? reason = null) => With(app, (db, _) =>
    {
        db.ExpertAssignments.Add(new ExpertAssignment { ApplicationId = applicationId, ExpertUserId = expertId, AssignedAt = DateTime.UtcNow, OverrideReason = reason });
        return db.SaveChanges();
    });

    /// <summary>A recorded site check that confirms every self-assessed tier (the level stays the submission's).</summary>
    public static void SiteCheck(AppFactory app, int applicationId, bool passed = true) => With(app, (db, _) =>
    {
        var application = db.Applications.Single(a => a.Id == applicationId);
        var submission = db.Assessments.Single(a => a.Id == application.AssessmentId);
        var check = new SiteCheck
        {
            ApplicationId = applicationId, VisitedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), Members = "王专家（东南大学）", Opinion = "与申报一致。",
            Passed = passed, ConfirmedLevel = submission.ReferenceLevel ?? 0, RecordedAt = DateTime.UtcNow,
        };
        check.Findings.AddRange(db.Ratings.Where(r => r.AssessmentId == submission.Id).Select(r => new SiteCheckFinding { ScenarioNo = r.ScenarioNo }).ToList());
        db.SiteChecks.Add(check);
        return db.SaveChanges();
    });

    public static readonly byte[] Report = "%PDF-1.4\n% 现场核查报告\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    /// <summary>The fields of a complete site-check form: visited yesterday, passed, every scenario confirmed but those adjusted.</summary>
    public static List<KeyValuePair<string, string>> Form(IReadOnlyList<int> scenarios, IReadOnlyDictionary<int, (int Level, string Reason)>? adjusted = null, bool passed = true)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("VisitedOn", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd")),
            new("Members", "王专家（东南大学）、李专家（南京理工大学）"),
            new("Opinion", "现场查看了生产线与系统运行情况。"),
            new("Passed", passed ? "true" : "false"),
        };
        for (var i = 0; i < scenarios.Count; i++)
        {
            fields.Add(new($"Findings[{i}].ScenarioNo", scenarios[i].ToString()));
            if (adjusted is not null && adjusted.TryGetValue(scenarios[i], out var a))
            {
                fields.Add(new($"Findings[{i}].Level", a.Level.ToString()));
                fields.Add(new($"Findings[{i}].Reason", a.Reason));
            }
            else
            {
                fields.Add(new($"Findings[{i}].Level", ""));
            }
        }
        return fields;
    }

    /// <summary>Posts the expert's form with its report as the page's multipart form does, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> RecordAsync(Browser expert, int applicationId, IEnumerable<KeyValuePair<string, string>> fields, string? fileName = "现场核查报告.pdf", byte[]? content = null)
    {
        var url = $"/Experts/Check/{applicationId}";
        var page = await expert.GetAsync(url);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields)
        {
            form.Add(new StringContent(v), k);
        }
        if (fileName is not null)
        {
            form.Add(new ByteArrayContent(content ?? Report), "Report", fileName);
        }
        return await expert.Client.PostAsync(url, form);
    }

    private static T With<T>(AppFactory app, Func<AppDbContext, IServiceProvider, T> action)
    {
        using var scope = app.Services.CreateScope();
        return action(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider);
    }
}
