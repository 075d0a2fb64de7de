using Microsoft.AspNetCore.Mvc;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Account;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>
/// 账号恢复复核 (decision 049): the province officials' list of the security administrator's reset and 两步验证设置
/// links that could not be mailed to the account. Approving one shows the link here once, to hand to the person after
/// checking who they are; declining closes it. Nobody decides on a request for their own account.
/// </summary>
public sealed class RecoveriesModel(AppDbContext db, Regions regions, TimeProvider clock) : OfficialPage(db, regions)
{
    public List<Recoveries.Request> Requests { get; private set; } = [];

    public string? Notice { get; private set; }

    /// <summary>The link just approved, shown this once, and whose it is.</summary>
    public (string Login, string Link, bool Enrolment)? Approved { get; private set; }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync() => Requests = await Recoveries.ListAsync(Db, Now);

    /// <summary>POST ?handler=Approve: a token for the held row, by one conditional UPDATE, and the link shown once.</summary>
    public Task<IActionResult> OnPostApproveAsync(int id) => DecideAsync(id, approve: true);

    /// <summary>POST ?handler=Decline: the request closes and nothing is issued.</summary>
    public Task<IActionResult> OnPostDeclineAsync(int id) => DecideAsync(id, approve: false);

    private async Task<IActionResult> DecideAsync(int id, bool approve)
    {
        var now = Now;
        var request = (await Recoveries.ListAsync(Db, now)).FirstOrDefault(r => r.Id == id);
        var own = request?.UserId == UserId;
        if (request is null || own)
        {
            Notice = own ? "不能复核本人账号的恢复申请，请由另一名省级官员办理。" : "该申请已复核、已失效或不存在，未做任何更改。";
            await OnGetAsync();
            return Page();
        }
        await using var transaction = await Db.Database.BeginTransactionAsync();
        var path = approve ? await Recoveries.ApproveAsync(Db, id, UserId, now) : null;
        var done = approve ? path is not null : await Recoveries.DeclineAsync(Db, id, UserId, now);
        if (done)
        {
            Db.Record(now, UserId, null, approve ? "official.recovery-approved" : "official.recovery-declined",
                $"{request.Login} {(request.Enrolment ? "two-factor link" : "password reset link")}");
            await Db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
        if (path is not null)
        {
            Approved = (request.Login, Request.PublicUrl(path), request.Enrolment);
        }
        Notice = !done ? "该申请已由他人复核或已失效，未做任何更改。"
            : approve ? $"已复核通过 {request.Login} 的{What(request)}。"
            : $"已驳回 {request.Login} 的{What(request)}，未发放任何链接。";
        await OnGetAsync();
        return Page();
    }

    public static string What(Recoveries.Request r) => r.Enrolment ? "两步验证设置链接" : "重设密码链接";
}
