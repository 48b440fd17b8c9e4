using RipTide.Contracts.Errors;
using RipTide.Http;
using StackExchange.Redis;

namespace RipTide.Api.Endpoints;

/// <summary>
/// Redis is the job engine: while it is unreachable the job routes answer 503 (retryable), and a server that
/// refuses what jobs are made of (Garnet has neither streams nor, by default, Lua) 501 saying so.
/// </summary>
public static class JobStoreGuard
{
    public static async Task<IResult> RunAsync(HttpContext context, Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (RedisServerException ex)
        {
            return Problems.Create(context, StatusCodes.Status501NotImplemented, "Jobs unavailable", ProblemTypes.DependencyUnavailable,
                $"Jobs need Redis 6.2 or later (streams with consumer groups, Lua scripts); this cache server refused: {ex.Message}", retryable: false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            context.Response.Headers.RetryAfter = "5";
            return Problems.DependencyUnavailable(context, "The job store (Redis) is unreachable.");
        }
    }
}
