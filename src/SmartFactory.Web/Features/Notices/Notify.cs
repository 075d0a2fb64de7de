using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using MimeKit;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Notices;

/// <summary>
/// What a workflow step tells whom: an in-app <see cref="Notice"/> per user and, when mail is on, an
/// <see cref="OutgoingMail"/> row per user with an e-mail login. Both are added to the caller's context, so they are saved in
/// the same SaveChanges as the step itself, or not at all.
/// </summary>
public static class Notify
{
    public sealed record Recipient(int Id, string Login, string DisplayName);

    private const string Signature = "江苏省智能工厂等级水平自评测系统（本邮件由系统自动发送，请勿直接回复）";

    /// <summary>An application was made: the officials who hold it first (the county, or the province for 筑峰强链) have something waiting.</summary>
    public static void Applied(AppDbContext db, ApplicationRecord application, string enterpriseName, DateTime now)
    {
        if (ApplicationWorkflow.Holder(application.State, application.Route) is { } holder)
        {
            Write(db, OfficialsOf(db, holder), null, "有新的申报待您办理",
                $"{enterpriseName}提交了省先进级智能工厂申报，当前环节：{application.State.ChineseName()}。请登录系统办理。", "/Officials/Applications?Filter.Holder=mine", now);
        }
    }

    /// <summary>A step was taken: returned, recommended or recognised tells the enterprise (and a recommendation the next holder).</summary>
    public static void Acted(AppDbContext db, ApplicationRecord application, Official by, ApplicationAction action, string? comment, DateTime now)
    {
        if (action is not (ApplicationAction.Return or ApplicationAction.Recommend or ApplicationAction.Recognise))
        {
            return;
        }
        var enterprise = db.Enterprises.Where(e => e.Id == application.EnterpriseId).Select(e => e.Name).Single();
        var users = db.Users.Where(u => u.EnterpriseId == application.EnterpriseId).OrderBy(u => u.Id)
            .Select(u => new Recipient(u.Id, u.Login, u.DisplayName)).ToList();
        var desk = $"{by.Level.ChineseName()}级主管部门";
        switch (action)
        {
            case ApplicationAction.Return:
                Write(db, users, null, "申报已退回",
                    $"贵企业（{enterprise}）的省先进级智能工厂申报已被{desk}退回。\n退回意见：{comment?.Trim()}\n请按意见修改完善后重新申报。", "/Assessments/Apply", now);
                break;
            case ApplicationAction.Recommend:
                Write(db, users, null, "申报已推荐",
                    $"贵企业（{enterprise}）的省先进级智能工厂申报已由{desk}推荐，当前环节：{application.State.ChineseName()}。", "/Assessments/Apply", now);
                if (ApplicationWorkflow.Holder(application.State, application.Route) is { } next)
                {
                    Write(db, OfficialsOf(db, next), null, "有推荐的申报待您办理",
                        $"{enterprise}的省先进级智能工厂申报已由{desk}推荐，当前环节：{application.State.ChineseName()}，待您办理。", $"/Officials/Application/{application.Id}", now);
                }
                break;
            default:
                var document = application.RecognitionDocumentNo is { Length: > 0 } no ? $"，认定文号：{no}" : "";
                Write(db, users, null, "已认定为省先进级智能工厂",
                    $"祝贺！贵企业（{enterprise}）已被认定为省先进级智能工厂（{application.BatchYear} 年度批次{document}）。", "/Assessments/Apply", now);
                break;
        }
    }

    /// <summary>The officials bound to a holder's level and division.</summary>
    public static List<Recipient> OfficialsOf(AppDbContext db, Official holder)
    {
        var role = RoleOf(holder.Level);
        return db.Users.Where(u => u.Role == role && u.DivisionCode == holder.DivisionCode).OrderBy(u => u.Id)
            .Select(u => new Recipient(u.Id, u.Login, u.DisplayName)).ToList();
    }

    public static Role RoleOf(OfficialLevel level) => level switch
    {
        OfficialLevel.County => Role.CountyOfficial,
        OfficialLevel.City => Role.CityOfficial,
        _ => Role.ProvinceOfficial,
    };

    /// <summary>
    /// Adds a notice for each recipient and, when mail is on, a mail to each who signs in with an e-mail address. With a
    /// <paramref name="key"/> both rows are keyed "{key}:{userId}" (unique), so the same reminder written twice fails to save
    /// rather than being told twice.
    /// </summary>
    public static void Write(AppDbContext db, IEnumerable<Recipient> to, string? key, string title, string body, string link, DateTime now)
    {
        var baseUrl = Settings(db).BaseUrl;
        foreach (var user in to)
        {
            var rowKey = key is null ? null : $"{key}:{user.Id}";
            db.Notices.Add(new Notice { UserId = user.Id, At = now, Title = Clip(title, 200), Body = Clip(body, 2000), Link = link, Key = rowKey });
            Mail(db, user, rowKey ?? $"event:{Guid.NewGuid():N}:{user.Id}", title, $"{body}\n\n查看详情：{baseUrl}{link}", now);
        }
    }

    /// <summary>Whether mail goes out at all (Mail:Host set and Mail:Enabled).</summary>
    public static bool MailIsOn(AppDbContext db) => Settings(db).Mail.IsOn;

    /// <summary>Whether a mail to this login goes out: mail is on and the login is an e-mail address.</summary>
    public static bool Reaches(AppDbContext db, string login) =>
        Settings(db).Mail.IsOn && login.Contains('@') && MailboxAddress.TryParse(login, out _);

    /// <summary>A path as the link a mail carries: under Network:PublicBaseUrl when set.</summary>
    public static string PublicLink(AppDbContext db, string path) => Settings(db).BaseUrl + path;

    /// <summary>
    /// Adds a mail to <paramref name="user"/> when mail is on and the login is an e-mail address; false when nothing was
    /// added. <paramref name="body"/> is the text between the greeting and the signature.
    /// </summary>
    public static bool Mail(AppDbContext db, Recipient user, string key, string title, string body, DateTime now)
    {
        if (!Reaches(db, user.Login))
        {
            return false;
        }
        db.OutgoingMails.Add(new OutgoingMail
        {
            Key = key,
            To = user.Login,
            Subject = Clip($"【智能工厂自评测】{title}", 300),
            Body = $"{user.DisplayName}，您好：\n\n{body}\n\n——{Signature}\n",
            CreatedAt = now,
        });
        return true;
    }

    /// <summary>The mail settings and the public address links start with, from the app's services behind the context.</summary>
    private static (MailOptions Mail, string BaseUrl) Settings(AppDbContext db)
    {
        var services = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        var mail = services?.GetService<IOptions<MailOptions>>()?.Value ?? new MailOptions { Enabled = false };
        var baseUrl = services?.GetService<IOptions<NetworkOptions>>()?.Value.PublicBaseUrl?.TrimEnd('/') ?? "";
        return (mail, baseUrl);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
