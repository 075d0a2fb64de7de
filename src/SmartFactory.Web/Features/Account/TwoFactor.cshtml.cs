using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

/// <summary>
/// Setting up, renewing the recovery codes of, and turning off two-factor sign-in. The new key travels between the two
/// requests of the set-up in the form, protected by the shared key ring (so any node can finish it) and for 15 minutes.
/// </summary>
public sealed class TwoFactorModel(AppDbContext db, IDataProtectionProvider protection, SecretSealer sealer, IOptions<SecurityOptions> security, TimeProvider clock) : PageModel
{
    private static readonly TimeSpan SetUpTime = TimeSpan.FromMinutes(15);

    [BindProperty, Display(Name = "验证码"), Required(ErrorMessage = "请填写验证器上的 6 位验证码。"), StringLength(40, ErrorMessage = "验证码不正确。")]
    public string Code { get; set; } = "";

    /// <summary>The key being set up, protected; only in the set-up form.</summary>
    [BindProperty]
    public string? Pending { get; set; }

    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string? Secret { get; private set; }
    public string? QrCode { get; private set; }

    /// <summary>Shown once, right after they are made.</summary>
    public List<string>? NewRecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync(await MeAsync());

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var me = await MeAsync();
        if (me.TotpSecret is not null)
        {
            return await ShowAsync(me);
        }
        string? secret = null;
        try
        {
            var payload = Protector().Unprotect(Pending ?? "");
            secret = payload.StartsWith($"{me.Id}:", StringComparison.Ordinal) ? payload[(payload.IndexOf(':') + 1)..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
        }
        if (secret is null)
        {
            ModelState.AddModelError("", "设置已超时，请用验证器重新扫描下方新的二维码。");
            return await ShowAsync(me);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (!ModelState.IsValid || TwoFactor.Step(secret, Code, now) is not long step)
        {
            ModelState.AddModelError(nameof(Code), "验证码不正确。请确认手机时间准确，并输入验证器当前显示的 6 位数字。");
            return await ShowAsync(me, secret);
        }
        // Only while the account still has no key, in one transaction with the recovery codes: of two set-ups racing on
        // two pages (or two nodes), one wins, and the other is told so instead of showing codes that no longer work.
        var key = sealer.Seal(secret);
        using var writer = await db.OneWriterAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.Users.Where(u => u.Id == me.Id && u.TotpSecret == null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.TotpSecret, key).SetProperty(x => x.TotpLastStep, step)) == 0)
        {
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", "两步验证已在另一个页面开启：请使用那里绑定的验证器和显示的恢复码；本页的二维码未启用。");
            return await ShowAsync(await MeAsync());
        }
        (me.TotpSecret, me.TotpLastStep) = (key, step);
        db.Entry(me).State = Microsoft.EntityFrameworkCore.EntityState.Unchanged;
        NewRecoveryCodes = await TwoFactor.NewRecoveryCodesAsync(db, me.Id);
        db.Record(now, me.Id, me.EnterpriseId, "user.two-factor-enabled");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return await ShowAsync(me);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var me = await MeAsync();
        if (await CheckCodeAsync(me) is { } refused)
        {
            return refused;
        }
        NewRecoveryCodes = await TwoFactor.NewRecoveryCodesAsync(db, me.Id);
        db.Record(clock.GetUtcNow().UtcDateTime, me.Id, me.EnterpriseId, "user.recovery-codes-renewed");
        await db.SaveChangesAsync();
        return await ShowAsync(me);
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var me = await MeAsync();
        if (security.Value.RequireTwoFactorFor.Contains(me.Role))
        {
            ModelState.AddModelError("", "您的角色必须使用两步验证，不能关闭。");
            return await ShowAsync(me);
        }
        if (await CheckCodeAsync(me) is { } refused)
        {
            return refused;
        }
        await TwoFactor.TurnOffAsync(db, me);
        db.Record(clock.GetUtcNow().UtcDateTime, me.Id, me.EnterpriseId, "user.two-factor-disabled");
        await db.SaveChangesAsync();
        return await ShowAsync(me);
    }

    /// <summary>A change to a second factor that is on needs a current code (or a recovery code); null when it was given.</summary>
    private async Task<IActionResult?> CheckCodeAsync(User me)
    {
        if (me.TotpSecret is null)
        {
            return await ShowAsync(me);
        }
        if (ModelState.IsValid && await TwoFactor.AcceptAsync(db, sealer, me, Code, clock.GetUtcNow().UtcDateTime))
        {
            return null;
        }
        ModelState.AddModelError(nameof(Code), SignIns.WrongCodeMessage);
        return await ShowAsync(me);
    }

    private async Task<User> MeAsync() => await db.Users.SingleAsync(u => u.Id == User.UserId());

    private async Task<IActionResult> ShowAsync(User me, string? secret = null)
    {
        Enabled = me.TotpSecret is not null;
        Required = security.Value.RequireTwoFactorFor.Contains(me.Role);
        RecoveryCodesLeft = Enabled ? await db.RecoveryCodes.CountAsync(c => c.UserId == me.Id && c.UsedAt == null) : 0;
        if (!Enabled)
        {
            Secret = secret ?? TwoFactor.NewSecret();
            Pending = Protector().Protect($"{me.Id}:{Secret}", SetUpTime);
            ModelState.Remove(nameof(Pending));
            QrCode = TwoFactor.QrCode(TwoFactor.AppUri(Secret, me.Login));
        }
        return Page();
    }

    private ITimeLimitedDataProtector Protector() => protection.CreateProtector("SmartFactory.TwoFactorSetUp").ToTimeLimitedDataProtector();
}
