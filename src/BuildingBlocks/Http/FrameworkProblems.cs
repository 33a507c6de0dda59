using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Commerce.BuildingBlocks.Http;

/// Problems the framework writes rather than our mapping: a status alone for no route (404), a wrong
/// method (405) or a body that is not JSON (415), and Wolverine's unreadable-JSON problem, whose detail
/// names our CLR types. This fills in a detail that says what to change, and names the field instead.
public static partial class FrameworkProblems
{
    const string WolverineJsonTitle = "Invalid JSON format";

    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        if (problem is { Title: WolverineJsonTitle, Detail: { } detail })
        {
            problem.Detail = ConversionFailure().Match(detail) is { Success: true } failure
                ? $"The value at {failure.Groups["path"].Value} does not fit its field: wrong JSON type, out of range, or more digits than it holds."
                : DuplicateProperty().Match(detail) is { Success: true } duplicate
                    ? $"The field '{duplicate.Groups["name"].Value}' is sent twice; send it once."
                    : TypeName().Replace(detail, "the request");
        }
        problem.Detail ??= problem.Status switch
        {
            404 when context.HttpContext.GetEndpoint() is null => $"No route {request.Method} {request.Path}. The API is described at /openapi/v1.json.",
            404 => $"Nothing found at {request.Path}.",
            405 => $"{request.Method} is not allowed on {request.Path}; use {context.HttpContext.Response.Headers.Allow}.",
            406 => "The answer is JSON: accept application/json (or application/problem+json).",
            415 => $"Send the body as JSON with Content-Type: application/json, not '{request.ContentType}'.",
            _ => null,
        };
    }

    [GeneratedRegex(@"^The JSON value could not be converted to \S+\. Path: (?<path>\S+)")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex("^Duplicate property '(?<name>[^']+)'")]
    private static partial Regex DuplicateProperty();

    // Whatever else names one of our types or the framework's.
    [GeneratedRegex(@"'?\b(?:Commerce|System)\.[\w.`\[\],]+'?")]
    private static partial Regex TypeName();
}
