using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using Scalar.AspNetCore;

namespace SmartFactory.Web.Infrastructure;

/// <summary>The OpenAPI document at /openapi/v1.json and its interactive reference page at /api/reference.</summary>
public static class ApiDocuments
{
    public static void AddApiDocuments(this WebApplicationBuilder builder)
    {
        // A malformed body is the caller's mistake: 400 with ProblemDetails, in Development too.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "江苏省智能工厂等级水平自评测系统 API";
            document.Info.Version = "v1";
            document.Info.Description = "公开接口（场景目录、规则集、无状态评级）无需登录；其余接口使用个人访问令牌：Authorization: Bearer sf_…（在“API 令牌”页面创建）。错误以 ProblemDetails 返回，信息为中文。";
            return Task.CompletedTask;
        }));
    }

    public static void MapApiDocuments(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("SmartFactory API v1").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
    }
}
