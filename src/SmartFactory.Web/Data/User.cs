namespace SmartFactory.Web.Data;

/// <summary>Stored as its number. A system administrator (editions, rule sets) comes with the pages it needs; until then no role exists that no code grants.</summary>
public enum Role
{
    EnterpriseUser = 1,
    EnterpriseAdmin = 2,
    ServiceProvider = 3,
    CountyOfficial = 4,
    CityOfficial = 5,
    ProvinceOfficial = 6,

    /// <summary>Administers the rule library: catalog editions, rule-set versions, simulations and publication (no enterprise data).</summary>
    SystemAdmin = 7,
}

public sealed class User
{
    public int Id { get; set; }

    /// <summary>Login name: an e-mail address or a mobile number, stored lower-case.</summary>
    public required string Login { get; set; }
    public required string DisplayName { get; set; }
    public string? PasswordHash { get; set; }
    public Role Role { get; set; }
    public int? EnterpriseId { get; set; }

    /// <summary>For officials: the division they are bound to (a county, a city, or 320000 for the province).</summary>
    public string? DivisionCode { get; set; }

    /// <summary>For service providers: the organisation they work for.</summary>
    public string? Organisation { get; set; }
    public Enterprise? Enterprise { get; set; }

    /// <summary>Hash of a one-time invitation token; null once the invitation is accepted.</summary>
    public string? InvitationTokenHash { get; set; }
    public DateTime? InvitationExpiresAt { get; set; }

    /// <summary>Changes on password change so that other sessions of the user end.</summary>
    public required string SecurityStamp { get; set; }

    /// <summary>The TOTP key (Base32) once two-factor sign-in is on; null while it is off.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>The last TOTP time step accepted: a code is good once, on one node or another.</summary>
    public long? TotpLastStep { get; set; }
    public DateTime CreatedAt { get; set; }
}
