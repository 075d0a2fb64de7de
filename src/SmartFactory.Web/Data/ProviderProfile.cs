namespace SmartFactory.Web.Data;

/// <summary>
/// A service provider's entry in the 服务商资源池 (decision 032): what enterprises see of it. Written whole with its
/// <see cref="Offers"/> each time the provider saves its page.
/// </summary>
public sealed class ProviderProfileRecord
{
    public int UserId { get; set; }
    public User? User { get; set; }

    /// <summary>The catalog edition the scenario numbers of <see cref="Offers"/> belong to (the current one when saved).</summary>
    public required string Edition { get; set; }
    public required string Introduction { get; set; }
    public string? Contact { get; set; }

    /// <summary>设区市 codes served, comma-separated.</summary>
    public required string Cities { get; set; }

    /// <summary>The short cases, as a JSON array of <see cref="Domain.Providers.ProviderCase"/> (at most three, bounded).</summary>
    public required string CasesJson { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ProviderOfferRecord> Offers { get; set; } = [];
}

/// <summary>One scenario a provider delivers, up to <see cref="MaxTier"/> (a tier ordinal, 1 智能车间 … 5 领航级).</summary>
public sealed class ProviderOfferRecord
{
    public int ProviderUserId { get; set; }
    public int ScenarioNo { get; set; }
    public int MaxTier { get; set; }
}
