using Microsoft.AspNetCore.Authorization;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Api;

/// <summary>HTTP API v1: public catalog and grading, and token-authenticated data in the caller's scope.</summary>
public static class ApiEndpoints
{
    public static void MapApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").WithTags("v1");
        v1.MapGroup("").AllowAnonymous().WithTags("公开").MapCatalogApi();

        var data = v1.MapGroup("")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = TokenAuthenticationHandler.SchemeName })
            .LimitedPerToken()
            .WithTags("需令牌")
            .Refuses(401, 429);
        data.MapEnterpriseApi();
        data.MapDraftApi();
        data.MapRoadmapApi();
        data.MapApplicationApi();
        data.MapLibraryApi();
        data.MapIssuedApi();
    }
}
