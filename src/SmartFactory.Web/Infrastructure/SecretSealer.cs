using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// Seals the small secrets the database must keep readable (the authenticator keys), so that a copy of the database or
/// of a backup does not hand out second factors (decision 041). With <c>Security:SecretKey</c> (32 random bytes,
/// base64, kept outside the database like <c>Audit:Key</c>) a secret is sealed with AES-256-GCM under that key;
/// without it, with the shared data-protection key ring, which keeps it out of the columns but not out of a full dump.
/// A value from before sealing (a bare base32 key), or sealed under <c>Security:PreviousSecretKey</c>, is still opened
/// and says so, so that its user re-seals it at its next use.
/// </summary>
public sealed class SecretSealer(IOptions<SecurityOptions> options, IDataProtectionProvider protection)
{
    private const string Keyed = "k1:";
    private const string Ring = "r1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[]? key = KeyOf(options.Value.SecretKey);
    private readonly byte[]? previous = KeyOf(options.Value.PreviousSecretKey);
    private readonly IDataProtector ring = protection.CreateProtector("SmartFactory.SealedSecret");

    private static byte[]? KeyOf(string? text) => text is { Length: > 0 } ? Convert.FromBase64String(text) : null;

    /// <summary>An opened secret, and whether it was sealed the way this node seals now (else it should be re-sealed).</summary>
    public readonly record struct Opened(string Secret, bool Current);

    public string Seal(string secret)
    {
        if (key is null)
        {
            return Ring + ring.Protect(secret);
        }
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        return Keyed + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret, or null when no key this node holds opens it (sealed under a key since dropped, or altered).</summary>
    public Opened? Open(string stored)
    {
        if (stored.StartsWith(Ring, StringComparison.Ordinal))
        {
            try
            {
                return new(ring.Unprotect(stored[Ring.Length..]), key is null);
            }
            catch (CryptographicException)
            {
                return null;
            }
        }
        if (!stored.StartsWith(Keyed, StringComparison.Ordinal))
        {
            return new(stored, false);
        }
        var bytes = new byte[stored.Length];
        if (!Convert.TryFromBase64String(stored[Keyed.Length..], bytes, out var length) || length < NonceSize + TagSize)
        {
            return null;
        }
        bytes = bytes[..length];
        return Decrypt(key, bytes) is { } secret ? new(secret, true)
            : Decrypt(previous, bytes) is { } old ? new(old, false)
            : null;
    }

    private static string? Decrypt(byte[]? with, byte[] bytes)
    {
        if (with is null)
        {
            return null;
        }
        var plain = new byte[bytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(with, TagSize);
        try
        {
            aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize + TagSize), bytes.AsSpan(NonceSize, TagSize), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return Encoding.UTF8.GetString(plain);
    }
}
