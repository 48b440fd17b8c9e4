using System.Net;
using System.Text.Json;

namespace RipTide.Tests;

/// <summary>Checks the contract's error shape: status, problem+json, <c>error_type</c>, a detail and the request id.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string errorType)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(errorType, problem.GetProperty("error_type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (response.Headers.TryGetValues("X-Request-Id", out var ids))
        {
            Assert.Equal(ids.Single(), problem.GetProperty("request_id").GetString());
        }

        return problem;
    }
}
