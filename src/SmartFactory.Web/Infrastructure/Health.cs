using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

public static class Health
{
    /// <summary>
    /// GET /healthz: liveness — the process serves requests (200 "ok"), without touching the database, so a database
    /// outage does not make a supervisor restart every node. GET /readyz: readiness — the database answers and its
    /// schema is this program's (200 "ready", else 503 with the reason); balancers and the cluster script route by it.
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok")).WithMetadata(new Database.OwnConnection()).ExcludeFromDescription();
        app.MapGet("/readyz", async (AppDbContext db, CancellationToken ct) =>
            await Database.NotReadyAsync(db, ct) is { } reason
                ? Results.Text(reason, statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Text("ready")).WithMetadata(new Database.OwnConnection()).ExcludeFromDescription();
    }
}
