using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Tests;

/// <summary>Users and evidence written straight into the test database for the campaign's tests (decision 025).</summary>
public static class CampaignUsers
{
    public static readonly byte[] Docx = [0x50, 0x4B, 0x03, 0x04, .. "word/document.xml"u8.ToArray()];
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    /// <summary>A user of any role (of an enterprise, bound to a division, or neither), signed in.</summary>
    public static Task<Browser> SignedInAsync(AppFactory app, Role role, int? enterprise = null, string? division = null)
    {
        var login = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}@campaign.example.cn";
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = new User { Login = login, DisplayName = login, Role = role, EnterpriseId = enterprise, DivisionCode = division, SecurityStamp = Auth.NewStamp(), CreatedAt = DateTime.UtcNow };
            user.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, Builders.Password);
            db.Users.Add(user);
            db.SaveChanges();
        }
        return Seed.SignInAsync(app, login);
    }

    /// <summary>An evidence file with its bytes on a submission, as an upload to the draft would have left it.</summary>
    public static int EvidenceFile(AppFactory app, int assessmentId, string name, string contentType, byte[] bytes, int? scenarioNo = null, string purpose = "scenario") => app.Query(db =>
    {
        var file = new EvidenceFile
        {
            AssessmentId = assessmentId, ScenarioNo = scenarioNo, Purpose = purpose, FileName = name, ContentType = contentType, Size = bytes.Length,
            StoredName = $"{Guid.NewGuid():N}{Path.GetExtension(name)}", Sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)),
            UploadedAt = DateTime.UtcNow, UploadedBy = 0, Content = new EvidenceContent { Bytes = bytes },
        };
        db.EvidenceFiles.Add(file);
        db.SaveChanges();
        return file.Id;
    });
}
