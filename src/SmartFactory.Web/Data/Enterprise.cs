namespace SmartFactory.Web.Data;

public enum EnterpriseSize
{
    Large = 1,
    Medium = 2,
    Small = 3,
    Micro = 4,
}

public sealed class Enterprise
{
    public int Id { get; set; }
    public required string CreditCode { get; set; }
    private string _name = "";

    public required string Name
    {
        get => _name;
        set
        {
            _name = value;
            NameKey = Infrastructure.PinyinOrder.KeyOf(value);
        }
    }

    /// <summary>
    /// The name's zh-CN sort key in hexadecimal: ordered as text ("C" collation), it is the name in pinyin order, and
    /// indexed, so the officials' lists sort by name as fast as by any column (decision 016). Set with the name.
    /// </summary>
    public string NameKey { get; set; } = "";
    public required string CityCode { get; set; }
    public required string CountyCode { get; set; }
    public required string IndustryCode { get; set; }
    public EnterpriseSize Size { get; set; }
    public bool IsAboveScale { get; set; }
    public bool IsFlagshipChain { get; set; }
    public required string ContactName { get; set; }
    public required string ContactPhone { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class EnterpriseSizes
{
    public static string ChineseName(this EnterpriseSize size) => size switch
    {
        EnterpriseSize.Large => "大型",
        EnterpriseSize.Medium => "中型",
        EnterpriseSize.Small => "小型",
        EnterpriseSize.Micro => "微型",
        _ => "未知",
    };
}
