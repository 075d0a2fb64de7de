using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

public static class Health
{
    /// <summary>GET /healthz: 200 "ok" when the database answers, 503 otherwise.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", async (AppDbContext db, CancellationToken ct) =>
            await db.Database.CanConnectAsync(ct) ? Results.Text("ok") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
}
