using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using QRCoder;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238: 6 digits, 30 s, one step of clock drift either way)
/// and one-time recovery codes. A code is accepted once, on whichever node sees it first (decision 021).
/// </summary>
public static class TwoFactor
{
    public const string Issuer = "江苏智能工厂自评测";
    public const int RecoveryCodeCount = 10;

    // 32 letters and digits without 0/O and 1/I; 16 of them carry 80 bits, too many to try from a stolen hash.
    private const string RecoveryAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>What the authenticator app reads from the QR code.</summary>
    public static string AppUri(string secret, string login) =>
        $"otpauth://totp/{Uri.EscapeDataString($"{Issuer}:{login}")}?secret={secret}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    /// <summary>The QR code as a PNG data URI, for an &lt;img&gt; the page's content policy allows.</summary>
    public static string QrCode(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    /// <summary>The time step a 6-digit code matches at <paramref name="now"/>, or null.</summary>
    public static long? Step(string secret, string code, DateTime now)
    {
        var digits = code.Replace(" ", "", StringComparison.Ordinal).Trim();
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(now, digits, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    /// <summary>
    /// Accepts a TOTP code later than the last one accepted, or an unspent recovery code, spending it; each in one
    /// conditional statement, so that the same code shown to two nodes at once is accepted by one. A key stored before
    /// sealing, or sealed the other way, is re-sealed in the same statement. A key no key of this node opens (the operator
    /// dropped the key it was sealed under) accepts no code, and the user signs in with a recovery code and sets up again.
    /// </summary>
    public static async Task<bool> AcceptAsync(AppDbContext db, SecretSealer sealer, User user, string code, DateTime now)
    {
        if (user.TotpSecret is not { } stored)
        {
            return false;
        }
        var opened = sealer.Open(stored);
        using var writer = await db.OneWriterAsync();
        if (opened is { } key && Step(key.Secret, code, now) is long step)
        {
            var resealed = key.Current ? stored : sealer.Seal(key.Secret);
            return await db.Users.Where(u => u.Id == user.Id && (u.TotpLastStep == null || u.TotpLastStep < step))
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.TotpLastStep, step).SetProperty(x => x.TotpSecret, resealed)) == 1;
        }
        var hash = RecoveryHash(code);
        return await db.RecoveryCodes.Where(c => c.UserId == user.Id && c.Hash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAt, now)) == 1;
    }

    /// <summary>Replaces the user's recovery codes with new ones (added to the unit of work) and returns them, to be shown once.</summary>
    public static async Task<List<string>> NewRecoveryCodesAsync(AppDbContext db, int userId)
    {
        using (await db.OneWriterAsync())
        {
            await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync();
        }
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { UserId = userId, Hash = RecoveryHash(c) }));
        return codes;
    }

    /// <summary>Turns two-factor sign-in off: the key and the recovery codes go (the caller saves).</summary>
    public static async Task TurnOffAsync(AppDbContext db, User user)
    {
        user.TotpSecret = null;
        user.TotpLastStep = null;
        using var writer = await db.OneWriterAsync();
        await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync();
    }

    private static string NewRecoveryCode()
    {
        var chars = RandomNumberGenerator.GetItems<char>(RecoveryAlphabet, 16);
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}-{new string(chars, 12, 4)}";
    }

    /// <summary>Dashes, spaces and case do not matter to a recovery code.</summary>
    private static string RecoveryHash(string code)
    {
        var normalized = new string(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
