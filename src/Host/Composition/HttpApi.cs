using System.Text.Json;
using System.Text.Json.Serialization;
using Commerce.BuildingBlocks.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Wolverine.Http;

namespace Commerce.Host.Composition;

/// The REST API: snake_case JSON as in the seeds, problem details for every error, OpenAPI and a
/// browsable reference page.
public static class HttpApi
{
    public const long MaxRequestBodyBytes = 256 * 1024;
    const string BearerScheme = "Bearer";

    public static void AddHttpApi(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(json => Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = FrameworkProblems.Complete);
        builder.Services.AddExceptionHandler<ProblemDetailsMapping>();
        builder.Services.AddWolverineHttp();
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Commerce API";
            document.Info.Description = "Event-sourced orders, inventory and payments. Commands answer 202 with the events they appended. "
                + "Every route but this reference and the health checks needs a bearer token: `dotnet run --project src/Host -- token --user u --role customer|operator|admin` prints one.";
            // The reference page offers a field for the token and sends it with every request it tries.
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "A JWT whose `sub` is the user and whose `role` claims say customer, operator or admin.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            return Task.CompletedTask;
        }));
    }

    public static void UseHttpApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(Correlation.Middleware);
        app.Use(RequestLimits.Middleware(MaxRequestBodyBytes));
        app.UseAuthentication();
        // After authentication, to count per user; before authorization, to turn floods away cheaply.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(scalar => scalar.WithTitle("Commerce API").AddPreferredSecuritySchemes([BearerScheme])).AllowAnonymous();
        app.MapWolverineEndpoints(wolverine =>
        {
            // '?page=abc' is a 400 naming the parameter, not page 1.
            wolverine.RejectUnparseableQueryValues = true;
            wolverine.AddPolicy<RequiredBodyPolicy>();
            wolverine.ConfigureEndpoints(chain =>
            {
                if (RateLimits.Limits(chain.RoutePattern?.RawText ?? "")) chain.WithMetadata(new EnableRateLimitingAttribute(RateLimits.Commands));
            });
        });
    }

    // Bodies are read strictly: a number sent as a string, a field sent twice (which one would count?)
    // or an amount with more digits than a decimal holds is a 400, not a guess.
    static void Configure(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.NumberHandling = JsonNumberHandling.Strict;
        json.AllowDuplicateProperties = false;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        json.Converters.Add(new ExactDecimalConverter());
    }
}
