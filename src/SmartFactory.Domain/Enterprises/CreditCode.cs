namespace SmartFactory.Domain.Enterprises;

/// <summary>统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character.</summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Null when valid, else why not, in Chinese.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "请填写统一社会信用代码。";
        }
        if (code.Length != 18)
        {
            return $"统一社会信用代码应为 18 位，当前为 {code.Length} 位。";
        }
        for (var i = 0; i < code.Length; i++)
        {
            if (Alphabet.IndexOf(code[i]) < 0)
            {
                return $"第 {i + 1} 位“{code[i]}”不是统一社会信用代码允许的字符（数字及大写字母，不含 I、O、Z、S、V）。";
            }
        }
        var expected = CheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected ? null : "统一社会信用代码校验位不正确，请核对后重新输入。";
    }

    public static bool IsValid(string? code) => Problem(code) is null;

    /// <summary>The check character for the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Weights[i] * Alphabet.IndexOf(first17[i]);
        }
        var value = 31 - sum % 31;
        return Alphabet[value == 31 ? 0 : value];
    }

    /// <summary>Normalises user input: trims and upper-cases.</summary>
    public static string Normalize(string? code) => (code ?? "").Trim().ToUpperInvariant();
}
