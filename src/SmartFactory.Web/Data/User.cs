namespace SmartFactory.Web.Data;

/// <summary>Stored as its number. The last three are 三员分立 (decision 023): none of them sees enterprise data, and none can do another's work.</summary>
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

    /// <summary>Unlocks accounts and revokes API tokens (no enterprise data, no audit log): 三员分立's 安全管理员.</summary>
    SecurityAdmin = 8,

    /// <summary>Reads, filters, exports and verifies the audit log, and nothing else: 三员分立's 审计管理员.</summary>
    AuditAdmin = 9,

    /// <summary>专家: carries out the 现场核查 the province assigns, and sees only those applications.</summary>
    Expert = 10,

    /// <summary>
    /// 平台对接客户端: the machine account of a platform that issues results (decision 039). It has no password and signs in
    /// nowhere; its token calls POST /api/v1/issued-results and nothing else.
    /// </summary>
    PlatformClient = 11,
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

public static class Roles
{
    /// <summary>A role's name as the pages and the command line say it.</summary>
    public static string Name(Role role) => role switch
    {
        Role.EnterpriseUser => "企业用户",
        Role.EnterpriseAdmin => "企业管理员",
        Role.ServiceProvider => "服务商",
        Role.CountyOfficial => "县级官员",
        Role.CityOfficial => "市级官员",
        Role.ProvinceOfficial => "省级管理员",
        Role.SystemAdmin => "系统管理员",
        Role.SecurityAdmin => "安全管理员",
        Role.AuditAdmin => "审计管理员",
        Role.Expert => "专家",
        Role.PlatformClient => "平台对接客户端",
        _ => role.ToString(),
    };

    /// <summary>三员分立: the administrators who see no enterprise data.</summary>
    public static readonly Role[] Administrators = [Role.SystemAdmin, Role.SecurityAdmin, Role.AuditAdmin];

    public static bool IsAdministrator(Role role) => Administrators.Contains(role);
}
