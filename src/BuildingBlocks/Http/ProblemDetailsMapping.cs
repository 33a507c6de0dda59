using System.Net.Sockets;
using Commerce.BuildingBlocks.Errors;
using Commerce.BuildingBlocks.Messaging;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commerce.BuildingBlocks.Http;

/// The one place where exceptions become RFC 9457 problem details. Expected outcomes map to 4xx;
/// an unreachable database maps to 503 so clients retry; anything else stays a logged 500.
public sealed partial class ProblemDetailsMapping(IProblemDetailsService problemDetails, ILogger<ProblemDetailsMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        var problem = ToProblem(Unwrap(exception));
        if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
        }
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = exception is Queries.ReadModelBehindException ? "1" : "5";
        }
        if (Unwrap(exception) is TooManyRequestsException tooMany)
        {
            context.Response.Headers.RetryAfter = tooMany.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (problem.Status == StatusCodes.Status401Unauthorized)
        {
            // RFC 6750: the scheme the route wants, and whether the token sent was refused (the detail
            // says why).
            context.Response.Headers.WWWAuthenticate = Unwrap(exception) is NotSignedInException { TokenRefused: true }
                ? "Bearer error=\"invalid_token\"" : "Bearer";
        }
        context.Response.StatusCode = problem.Status ?? 500;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    public static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        ValidationException e => new HttpValidationProblemDetails(
            e.Errors.GroupBy(f => f.PropertyName).ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()))
        {
            Status = 400, Title = "The request is not valid.", Detail = "See errors for each field.",
        },
        InvalidCommandException e => new HttpValidationProblemDetails(e.Errors.ToDictionary(p => p.Key, p => p.Value))
        {
            Status = 400, Title = "The request is not valid.", Detail = e.Message,
        },
        BadHttpRequestException e => Problem(e.StatusCode, "The request could not be read.", e.Message),
        NotFoundException e => Problem(404, "Not found.", e.Message),
        NotSignedInException e => Problem(401, "Not signed in.", e.Message),
        ForbiddenException e => Problem(403, "Not allowed.", e.Message),
        TooManyRequestsException e => Problem(429, "Too many requests.", e.Message),
        IdempotencyKeyReusedException e => Problem(422, "Idempotency key reused.", e.Message),
        DomainException e => Problem(409, "The command conflicts with the current state.", e.Message),
        StaleVersionException e => Problem(409, "The resource was changed by someone else.", e.Message),
        _ when Conflicts.IsConflict(exception) => Problem(409,
            "The resource was changed by someone else.",
            "The stream moved on since the version you sent (or another request won a race). Read it again and retry."),
        Queries.ReadModelBehindException e => Problem(503, "The read model is behind.", e.Message),
        BrokerManagementException e => Problem(502, "RabbitMQ's management API did not answer as expected.", e.Message),
        _ when IsTextTheDatabaseRefuses(exception) => Problem(400, "The request is not valid.",
            "A value holds a character PostgreSQL cannot store (NUL, \\u0000). Nothing was written."),
        _ when IsDatabaseUnavailable(exception) => Problem(503, "The database is unavailable.",
            "PostgreSQL did not answer. Nothing was written; retry shortly."),
        OperationCanceledException => Problem(499, "The request was cancelled.", "The client went away or the request timed out."),
        _ => Problem(500, "An unexpected error occurred.", "The error was logged."),
    };

    static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : exception;

    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException or TimeoutException) return true;
            if (e is NpgsqlException { IsTransient: true }) return true;
            if (e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" }) return true;
            if (e is NpgsqlException npgsql && npgsql.InnerException is IOException or SocketException or TimeoutException) return true;
        }
        return false;
    }

    // A NUL in a string is valid JSON and a valid .NET string, but no PostgreSQL text or jsonb value can
    // hold it: a request value that reaches a query before its validator fails here, as the client's error.
    static bool IsTextTheDatabaseRefuses(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: "22021" or "22P05" }) return true;
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
