using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using SmartFactory.Web.Features.Api;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// The OpenAPI document at /openapi/v1.json (committed as openapi/v1.json) and its reference page at /api/reference
/// (decisions 008 and 037). Only /api/v1 is described: every other endpoint says ExcludeFromDescription where it is mapped.
/// </summary>
public static class ApiDocuments
{
    public const string BearerScheme = "Bearer";

    public static void AddApiDocuments(this WebApplicationBuilder builder)
    {
        // A malformed body is the caller's mistake: 400 with ProblemDetails, in Development too.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "江苏省智能工厂等级水平自评测系统 API";
                document.Info.Version = "v1";
                document.Info.Description = "公开接口（场景目录、规则集、无状态评级）无需登录；其余接口使用个人访问令牌：Authorization: Bearer sf_…（在“API 令牌”页面创建）。错误以 ProblemDetails 返回，信息为中文。";
                // No servers: a client calls the host it was given, and the committed document is the same on every host.
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [BearerScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "sf_…",
                        Description = "个人访问令牌：登录后在“API 令牌”页面（/Account/Tokens）创建，只显示一次，最长 365 天；令牌带有其用户的角色与权限范围。",
                    },
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any(a => a.AuthenticationSchemes == TokenAuthenticationHandler.SchemeName))
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
                }
                // A refusal says what it means in the same words its ProblemDetails title will.
                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (status.StartsWith('4') && response is OpenApiResponse refusal)
                    {
                        refusal.Description = ApiProblems.Title(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
                // A download (an evidence file) answers its bytes: described as binary, so clients read it as a stream.
                foreach (var media in operation.Responses?.Where(r => r.Key.StartsWith('2')).SelectMany(r => r.Value.Content ?? new Dictionary<string, OpenApiMediaType>())
                    .Where(c => c.Key == "application/octet-stream").Select(c => c.Value) ?? [])
                {
                    media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                }
                if (metadata.OfType<ApiExample>().LastOrDefault() is { } example)
                {
                    AddExamples(operation, example, context.ApplicationServices);
                }
                return Task.CompletedTask;
            });
        });
    }

    private static void AddExamples(OpenApiOperation operation, ApiExample example, IServiceProvider services)
    {
        foreach (var media in operation.RequestBody?.Content?.Values ?? [])
        {
            media.Example = example.Request.DeepClone();
        }
        if (example.Response is { } response && operation.Responses?.FirstOrDefault(r => r.Key.StartsWith('2')).Value?.Content is { } content)
        {
            var answer = response(services);
            foreach (var media in content.Values)
            {
                media.Example = answer.DeepClone();
            }
        }
    }

    public static void MapApiDocuments(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", ReferencePage).AllowAnonymous();
    }

    /// <summary>
    /// The reference page on a government intranet: the document and Scalar's script come from this server (the script is
    /// embedded in Scalar.AspNetCore), with no hosted-service features (AI agent, MCP, developer toolbar with its deploy
    /// and share buttons, client downloads), no telemetry and no fonts from Scalar's CDN.
    /// </summary>
    public static void ReferencePage(ScalarOptions o) => o
        .WithTitle("SmartFactory API v1")
        .WithOpenApiRoutePattern("/openapi/{documentName}.json")
        .DisableAgent()
        .DisableMcp()
        .HideDeveloperTools()
        .HideClientButton()
        .HideDocumentDownload()
        .DisableTelemetry()
        .DisableDefaultFonts()
        .AddPreferredSecuritySchemes([BearerScheme]);
}
