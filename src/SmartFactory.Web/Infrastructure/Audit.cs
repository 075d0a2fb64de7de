using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

public static class Audit
{
    /// <summary>Adds an audit event to the unit of work; it is saved with the change it records.</summary>
    public static void Record(this AppDbContext db, DateTime at, int? userId, int? enterpriseId, string action, string? detail = null) =>
        db.AuditEvents.Add(new AuditEvent { At = at, UserId = userId, EnterpriseId = enterpriseId, Action = action, Detail = detail });
}
