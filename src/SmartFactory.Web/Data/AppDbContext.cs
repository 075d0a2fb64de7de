using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace SmartFactory.Web.Data;

public class AppDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<User> Users => Set<User>();
    public DbSet<AssessmentRecord> Assessments => Set<AssessmentRecord>();
    public DbSet<AssessmentResult> AssessmentResults => Set<AssessmentResult>();
    public DbSet<RatingRecord> Ratings => Set<RatingRecord>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<SubmissionFigure> Figures => Set<SubmissionFigure>();
    public DbSet<ApplicationRecord> Applications => Set<ApplicationRecord>();
    public DbSet<ApplicationEvent> ApplicationEvents => Set<ApplicationEvent>();
    public DbSet<ProviderGrant> ProviderGrants => Set<ProviderGrant>();
    public DbSet<DivisionTarget> DivisionTargets => Set<DivisionTarget>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<EvidenceContent> EvidenceContents => Set<EvidenceContent>();
    public DbSet<RateCounter> RateCounters => Set<RateCounter>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<PasswordReset> PasswordResets => Set<PasswordReset>();
    public DbSet<Rollup> Rollups => Set<Rollup>();
    public DbSet<LibraryEntry> Library => Set<LibraryEntry>();
    public DbSet<SimulationRun> Simulations => Set<SimulationRun>();
    public DbSet<SimulationChange> SimulationChanges => Set<SimulationChange>();
    public DbSet<CampaignRound> Rounds => Set<CampaignRound>();
    public DbSet<RoundQuota> RoundQuotas => Set<RoundQuota>();
    public DbSet<ExpertProfile> ExpertProfiles => Set<ExpertProfile>();
    public DbSet<ExpertAssignment> ExpertAssignments => Set<ExpertAssignment>();
    public DbSet<SiteCheck> SiteChecks => Set<SiteCheck>();
    public DbSet<SiteCheckFinding> SiteCheckFindings => Set<SiteCheckFinding>();
    public DbSet<CampaignFile> CampaignFiles => Set<CampaignFile>();
    public DbSet<CampaignFileContent> CampaignFileContents => Set<CampaignFileContent>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();
    public DbSet<Filing> Filings => Set<Filing>();
    public DbSet<CitySetting> CitySettings => Set<CitySetting>();
    public DbSet<RoadmapTarget> RoadmapTargets => Set<RoadmapTarget>();
    public DbSet<ProviderProfileRecord> ProviderProfiles => Set<ProviderProfileRecord>();
    public DbSet<ProviderOfferRecord> ProviderOffers => Set<ProviderOfferRecord>();
    public DbSet<IssuedResult> IssuedResults => Set<IssuedResult>();

    /// <summary>The keys that protect cookies, antiforgery tokens and invitation links, shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Held around a write that is not already inside a transaction, so writers go one at a time where the database
    /// allows only one (SQLite); nothing on PostgreSQL, whose rows lock one by one. Dispose it when the write is done.
    /// </summary>
    public virtual ValueTask<IDisposable?> OneWriterAsync(CancellationToken ct = default) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>The app saves asynchronously; seeding tools and tests that save synchronously take the same path, rollups included.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        Task.Run(() => SaveChangesAsync(acceptAllChangesOnSuccess)).GetAwaiter().GetResult();

    /// <summary>Saves, and moves the rollups that the changes move, in the same transaction (<see cref="Data.Rollups.MaintainAsync"/>).</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        SetHolders();
        return Data.Rollups.MaintainAsync(this, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
    }

    /// <summary>Derives each changed application's holder from its state and route, so the columns can never disagree with the workflow.</summary>
    private void SetHolders()
    {
        foreach (var entry in ChangeTracker.Entries<ApplicationRecord>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            var holder = SmartFactory.Domain.Applications.ApplicationWorkflow.Holder(entry.Entity.State, entry.Entity.Route);
            entry.Entity.HolderLevel = holder?.Level;
            entry.Entity.HolderDivision = holder?.DivisionCode;
        }
    }

    /// <summary>Every DateTime is UTC, and comes back from the database marked as UTC.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        c.Properties<DateTime>().HaveConversion<UtcConverter>();
        c.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Enterprise>(e =>
        {
            e.HasIndex(x => x.CreditCode).IsUnique();
            e.HasIndex(x => new { x.CityCode, x.CountyCode });
            // The officials' list sorts by name by default: the province's page walks (NameKey, Id), a city's or a
            // county's its own (place, NameKey, Id) — with the name index alone, 虎丘区's first page at 1,000,000
            // enterprises threw away 168,000 rows of other places (docs/benchmarks.md). A county official's scope
            // filters on the county alone, which the county's index serves too.
            e.HasIndex(x => new { x.CountyCode, x.NameKey, x.Id });
            e.HasIndex(x => new { x.CityCode, x.NameKey, x.Id });
            e.HasIndex(x => x.Name);
            e.HasIndex(x => new { x.NameKey, x.Id });
            if (Database.IsNpgsql())
            {
                e.Property(x => x.NameKey).UseCollation("C"); // byte order, as the key is made for
            }
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.CityCode).HasMaxLength(6);
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.IndustryCode).HasMaxLength(4);
            e.Property(x => x.ContactName).HasMaxLength(50);
            e.Property(x => x.ContactPhone).HasMaxLength(30);
        });
        b.Entity<User>(e =>
        {
            e.HasIndex(x => x.Login).IsUnique();
            e.Property(x => x.Login).HasMaxLength(100);
            e.Property(x => x.DisplayName).HasMaxLength(50);
            e.Property(x => x.SecurityStamp).HasMaxLength(64);
            e.HasIndex(x => x.InvitationTokenHash);
            e.HasIndex(x => new { x.Role, x.DivisionCode });
            e.Property(x => x.DivisionCode).HasMaxLength(6);
            e.Property(x => x.Organisation).HasMaxLength(200);
            e.Property(x => x.TotpSecret).HasMaxLength(400); // sealed (SecretSealer)
        });
        b.Entity<Session>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(32);
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.LastSeenAt);
        });
        b.Entity<RecoveryCode>(e =>
        {
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => new { x.UserId, x.Hash }).IsUnique();
            e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PasswordReset>(e =>
        {
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.UserId, x.UsedAt });
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AssessmentRecord>(e =>
        {
            e.ToTable("Assessments");
            e.HasIndex(x => new { x.EnterpriseId, x.Status });
            e.HasIndex(x => new { x.Year, x.Status, x.ReferenceLevel });
            // One open draft and one latest submission per enterprise, also when two nodes start or submit at once.
            e.HasIndex(x => x.EnterpriseId, "UX_Assessments_OneDraft").IsUnique().HasFilter($"\"Status\" = {(int)AssessmentStatus.Draft}");
            e.HasIndex(x => x.EnterpriseId, "UX_Assessments_OneLatest").IsUnique().HasFilter("\"IsLatest\"");
            // Each enterprise's latest submission with what lists and dashboards read of it, so they never touch the
            // wide rows (snapshot and result JSON, ~10 KB each). Partial on the bare column, as EF writes the condition
            // (a.IsLatest), because SQLite uses an index for a boolean column only through such a filter; IsLatest is
            // also a column because SQLite counts an index as covering only if it holds every column the query names.
            e.HasIndex(x => new { x.EnterpriseId, x.ReferenceLevel, x.Index, x.SubmittedAt, x.Year, x.IsLatest }, "IX_Assessments_Latest")
                .HasFilter("\"IsLatest\"");
            // What a policy simulation scans: each latest submission's grading input with what it is grouped by, in id
            // order, ~100 bytes an entry instead of the rows' ~2 KB (docs/benchmarks.md, "Policy simulation at province
            // scale"). Id leads, so the scan is in the runner's order; IsLatest is there for the same reason as above.
            e.HasIndex(x => new { x.Id, x.EnterpriseId, x.ReferenceLevel, x.BasicRequirements, x.GradingInput, x.IsLatest }, "IX_Assessments_LatestInputs")
                .HasFilter("\"IsLatest\"");
            e.HasMany(x => x.Figures).WithOne().HasForeignKey(f => f.AssessmentId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Edition).HasMaxLength(32);
            e.Property(x => x.GradingInput).HasMaxLength(1100);
            e.Property(x => x.DtScore).HasPrecision(5, 2);
            e.Property(x => x.CmmmScore).HasPrecision(3, 2);
            e.Property(x => x.BasicRequirements).HasMaxLength(200);
            e.Property(x => x.CmmmSource).HasMaxLength(200);
            e.Property(x => x.PledgeSignatory).HasMaxLength(50);
            e.Property(x => x.PledgePosition).HasMaxLength(50);
            e.HasMany(x => x.Ratings).WithOne().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Files).WithOne().HasForeignKey(f => f.AssessmentId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Result).WithOne().HasForeignKey<AssessmentResult>(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AssessmentResult>(e =>
        {
            e.ToTable("AssessmentResults");
            e.HasKey(x => x.AssessmentId);
            e.Property(x => x.AssessmentId).ValueGeneratedNever();
        });
        b.Entity<RatingRecord>(e =>
        {
            e.ToTable("Ratings");
            e.HasIndex(x => new { x.AssessmentId, x.ScenarioNo }).IsUnique();
            // Covers the dashboard's adoption heatmap: the built ratings of a submission without reading the evidence text.
            e.HasIndex(x => new { x.AssessmentId, x.Level, x.ScenarioNo });
            e.Property(x => x.Evidence).HasMaxLength(SmartFactory.Domain.Assessments.AssessmentRules.MaxEvidenceLength);
            e.Property(x => x.EvidenceHash).HasMaxLength(64);
            e.HasIndex(x => x.EvidenceHash);
        });
        b.Entity<EvidenceFile>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.StoredName).HasMaxLength(100);
            e.Property(x => x.Purpose).HasMaxLength(20);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.HasOne(x => x.Content).WithOne().HasForeignKey<EvidenceContent>(c => c.EvidenceFileId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<EvidenceContent>(e => e.HasKey(x => x.EvidenceFileId));
        b.Entity<Rollup>(e =>
        {
            e.HasKey(x => new { x.Kind, x.City, x.County, x.Industry, x.Year, x.Key });
            e.Property(x => x.Kind).HasMaxLength(24);
            e.Property(x => x.City).HasMaxLength(12);
            e.Property(x => x.County).HasMaxLength(12);
            e.Property(x => x.Industry).HasMaxLength(12);
            e.Property(x => x.Key).HasMaxLength(24);
            // The county and industry views filter on these after the kind.
            e.HasIndex(x => new { x.Kind, x.County });
            e.HasIndex(x => new { x.Kind, x.Industry });
        });
        b.Entity<RateCounter>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(100);
            e.HasIndex(x => x.Start);
        });
        b.Entity<SubmissionFigure>(e =>
        {
            e.ToTable("SubmissionFigures");
            e.Property(x => x.Kind).HasMaxLength(10);
            e.Property(x => x.Code).HasMaxLength(20);
            // Covering, for the dashboard's stage averages and blockers over every latest submission in scope.
            e.HasIndex(x => new { x.AssessmentId, x.Kind, x.Code, x.Value });
        });
        b.Entity<ApplicationRecord>(e =>
        {
            e.ToTable("Applications");
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.CityCode).HasMaxLength(6);
            e.HasIndex(x => new { x.State, x.CountyCode });
            e.Property(x => x.State).IsConcurrencyToken();
            e.Property(x => x.HolderDivision).HasMaxLength(6);
            e.HasIndex(x => new { x.HolderLevel, x.HolderDivision, x.UpdatedAt });
            e.HasIndex(x => x.EnterpriseId);
            e.HasIndex(x => new { x.RoundId, x.State });
            e.HasIndex(x => x.CertificateCode).IsUnique();
            e.Property(x => x.QuotaDivision).HasMaxLength(6);
            e.Property(x => x.RecognitionDocumentNo).HasMaxLength(100);
            e.Property(x => x.CertificateCode).HasMaxLength(32);
            e.HasOne(x => x.Round).WithMany().HasForeignKey(x => x.RoundId);
            e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ApplicationEvent>(e =>
        {
            e.Property(x => x.UserName).HasMaxLength(50);
            e.Property(x => x.Role).HasMaxLength(30);
            e.Property(x => x.Comment).HasMaxLength(2000);
        });
        b.Entity<ProviderGrant>(e =>
        {
            e.HasIndex(x => new { x.ProviderUserId, x.EnterpriseId });
            e.HasOne(x => x.Provider).WithMany().HasForeignKey(x => x.ProviderUserId);
        });
        b.Entity<DivisionTarget>(e =>
        {
            e.HasKey(x => x.DivisionCode);
            e.Property(x => x.DivisionCode).HasMaxLength(6);
        });
        b.Entity<AccessToken>(e =>
        {
            e.HasIndex(x => x.Hash).IsUnique();
            e.HasIndex(x => x.UserId);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Prefix).HasMaxLength(12);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId);
        });
        b.Entity<AuditEvent>(e =>
        {
            e.Property(x => x.Action).HasMaxLength(50);
            e.Property(x => x.Address).HasMaxLength(64);
            e.Property(x => x.Mac).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => new { x.EnterpriseId, x.At });
            e.HasIndex(x => x.At);
            // One row per place: two sealers at once (two nodes) cannot both extend the chain.
            e.HasIndex(x => x.Seq).IsUnique();
            // What the sealer looks for.
            e.HasIndex(x => x.Id, "IX_AuditEvents_Unsealed").HasFilter("\"Seq\" IS NULL");
        });
        b.Entity<LibraryEntry>(e =>
        {
            e.ToTable("LibraryEntries");
            e.HasIndex(x => x.Key).IsUnique();
            e.HasIndex(x => x.Revision).IsUnique();
            e.Property(x => x.Key).HasMaxLength(120);
            e.Property(x => x.Title).HasMaxLength(200);
        });
        b.Entity<SimulationRun>(e =>
        {
            e.Property(x => x.RuleSetKey).HasMaxLength(120);
            e.Property(x => x.CityCode).HasMaxLength(6);
            e.Property(x => x.CountyCode).HasMaxLength(6);
        });
        b.Entity<SimulationChange>(e => e.HasIndex(x => new { x.SimulationId, x.Id }));
        b.Entity<CampaignRound>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasIndex(x => x.Year);
            e.HasMany(x => x.Quotas).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<RoundQuota>(e =>
        {
            e.HasKey(x => new { x.RoundId, x.DivisionCode });
            e.Property(x => x.DivisionCode).HasMaxLength(6);
            e.Property(x => x.Used).IsConcurrencyToken();
        });
        b.Entity<ExpertProfile>(e =>
        {
            e.HasKey(x => x.UserId);
            e.Property(x => x.CityCode).HasMaxLength(6);
            e.Property(x => x.Industries).HasMaxLength(200);
            e.Property(x => x.Unit).HasMaxLength(200);
            e.HasOne(x => x.User).WithOne().HasForeignKey<ExpertProfile>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ProviderProfileRecord>(e =>
        {
            e.HasKey(x => x.UserId);
            e.Property(x => x.Edition).HasMaxLength(32);
            e.Property(x => x.Introduction).HasMaxLength(Domain.Providers.ProviderProfiles.IntroductionMax);
            e.Property(x => x.Contact).HasMaxLength(Domain.Providers.ProviderProfiles.ContactMax);
            e.Property(x => x.Cities).HasMaxLength(200);
            e.Property(x => x.CasesJson).HasMaxLength(4000);
            e.HasOne(x => x.User).WithOne().HasForeignKey<ProviderProfileRecord>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Offers).WithOne().HasForeignKey(x => x.ProviderUserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ProviderOfferRecord>(e =>
        {
            e.HasKey(x => new { x.ProviderUserId, x.ScenarioNo });
            e.HasIndex(x => new { x.ScenarioNo, x.MaxTier }); // the pool asks "who delivers scenario s at tier ≥ t"
        });
        b.Entity<ExpertAssignment>(e =>
        {
            e.HasIndex(x => new { x.ApplicationId, x.ExpertUserId }).IsUnique();
            e.HasIndex(x => x.ExpertUserId);
            e.Property(x => x.OverrideReason).HasMaxLength(500);
            e.HasOne(x => x.Expert).WithMany().HasForeignKey(x => x.ExpertUserId);
            e.HasOne<ApplicationRecord>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SiteCheck>(e =>
        {
            e.HasIndex(x => x.ApplicationId).IsUnique();
            e.Property(x => x.Members).HasMaxLength(1000);
            e.Property(x => x.Opinion).HasMaxLength(4000);
            e.HasOne<ApplicationRecord>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Report).WithMany().HasForeignKey(x => x.ReportFileId);
            e.HasMany(x => x.Findings).WithOne().HasForeignKey(x => x.SiteCheckId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SiteCheckFinding>(e =>
        {
            e.HasIndex(x => new { x.SiteCheckId, x.ScenarioNo }).IsUnique();
            e.Property(x => x.Reason).HasMaxLength(1000);
        });
        b.Entity<CampaignFile>(e =>
        {
            e.Property(x => x.Purpose).HasMaxLength(50);
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.ContentType).HasMaxLength(150);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.HasOne(x => x.Content).WithOne().HasForeignKey<CampaignFileContent>(x => x.CampaignFileId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<CampaignFileContent>(e => e.HasKey(x => x.CampaignFileId));
        b.Entity<Notice>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Body).HasMaxLength(2000);
            e.Property(x => x.Link).HasMaxLength(300);
            e.Property(x => x.Key).HasMaxLength(200);
            e.HasIndex(x => new { x.UserId, x.ReadAt, x.At });
            e.HasIndex(x => x.Key).IsUnique();
        });
        b.Entity<OutgoingMail>(e =>
        {
            e.ToTable("OutgoingMail");
            e.HasIndex(x => x.Key).IsUnique();
            e.HasIndex(x => new { x.SentAt, x.ClaimedUntil });
            e.Property(x => x.Key).HasMaxLength(200);
            e.Property(x => x.To).HasMaxLength(254);
            e.Property(x => x.Subject).HasMaxLength(300);
            e.Property(x => x.ClaimedBy).HasMaxLength(100);
            e.Property(x => x.LastError).HasMaxLength(1000);
        });
        b.Entity<Filing>(e =>
        {
            e.HasIndex(x => new { x.EnterpriseId, x.AssessmentId }).IsUnique();
            e.HasIndex(x => new { x.CountyCode, x.AcknowledgedAt });
            e.HasIndex(x => new { x.CityCode, x.Level });
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.CityCode).HasMaxLength(6);
            e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId);
        });
        b.Entity<CitySetting>(e =>
        {
            e.HasKey(x => x.CityCode);
            e.Property(x => x.CityCode).HasMaxLength(6);
        });
        b.Entity<RoadmapTarget>(e =>
        {
            e.HasKey(x => x.EnterpriseId);
            e.HasOne<Enterprise>().WithOne().HasForeignKey<RoadmapTarget>(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.StepCosts).HasMaxLength(400);
            e.Ignore(x => x.TargetTier);
            e.Ignore(x => x.Costs);
        });
        b.Entity<IssuedResult>(e =>
        {
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.Score).HasPrecision(5, 2);
            e.Property(x => x.Issuer).HasMaxLength(100);
            e.Property(x => x.Reference).HasMaxLength(64);
            // One current result per credit code and kind: two imports racing cannot both leave theirs current.
            e.HasIndex(x => new { x.CreditCode, x.Kind }, "UX_IssuedResults_Current").IsUnique().HasFilter("\"SupersededAt\" IS NULL");
            e.HasIndex(x => new { x.CreditCode, x.Kind, x.ImportedAt });
        });
    }
}

/// <summary>
/// The SQLite flavour: its own migrations set (Data/Migrations/Sqlite), and one writer at a time per database file.
/// SQLite itself admits one writing connection and makes the others sleep and try again (1, 2, 5 … 100 ms apart), so
/// under a burst of autosaves most of a save's time was spent asleep while the file was free (docs/benchmarks.md,
/// "Saving a rating"). Writers of this process queue on a semaphore instead and go in turn, with no sleep.
/// </summary>
public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : AppDbContext(options)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Gates = new();

    public override async ValueTask<IDisposable?> OneWriterAsync(CancellationToken ct = default)
    {
        if (holding || Database.CurrentTransaction is not null)
        {
            return null; // already writing: this context holds the gate, or its transaction holds the file's lock
        }
        var gate = Gates.GetOrAdd(Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        holding = true;
        return new Release(this, gate);
    }

    private bool holding;

    /// <summary>
    /// The app's writer connection for the busiest writes (<see cref="SqliteHotPath"/>); null for a context made outside
    /// the app (seeding tools, commands) or inside a transaction of its own, which then write as every other statement does.
    /// </summary>
    public SqliteHotPath? HotPath => Database.CurrentTransaction is not null ? null // its writes belong to that transaction
        : hotPath ??= this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<SqliteHotPath>();

    private SqliteHotPath? hotPath;

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var writer = await OneWriterAsync(cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private sealed class Release(SqliteDbContext db, SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                db.holding = false;
                gate.Release();
            }
        }
    }
}

/// <summary>The PostgreSQL flavour: its own migrations set (Data/Migrations/Postgres).</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : AppDbContext(options);
