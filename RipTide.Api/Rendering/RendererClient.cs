using System.Text.Json;
using RipTide.Api.Crawling;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Rendering;

namespace RipTide.Api.Rendering;

/// <summary>
/// Calls the Renderer service (found by service discovery) with a page the Api already fetched. The Renderer
/// exists only where the AppHost found Chromium; <see cref="Available"/> says whether this copy was given one.
/// </summary>
public sealed class RendererClient(HttpClient client, IConfiguration configuration)
{
    /// <summary>The AppHost gives the Api the Renderer's address only when it started one.</summary>
    public bool Available { get; } = configuration.GetSection($"services:{ResourceNames.Renderer}").Exists();

    /// <exception cref="RenderRefusedException">The Renderer answered with an error (its type and whether to retry are on it).</exception>
    /// <exception cref="HttpRequestException">The Renderer could not be reached.</exception>
    public async Task<RenderResponse> RenderAsync(Uri url, string html, int status, RenderSettings settings, TimeSpan budget, CancellationToken cancellationToken, bool mobile = false)
    {
        var request = new RenderRequest(url.AbsoluteUri, html, status is >= 100 and <= 599 ? status : 200,
            (int)Math.Clamp(budget.TotalMilliseconds, 100, 600_000), settings.WaitFor, settings.Scroll, settings.Screenshot, settings.FullPage, settings.WaitMs, mobile);
        using var response = await client.PostAsJsonAsync("/render", request, RipTideJsonContext.Default.RenderRequest, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return await response.Content.ReadFromJsonAsync(RipTideJsonContext.Default.RenderResponse, cancellationToken)
                ?? throw new JsonException("The renderer answered null.");
        }

        throw await RefusedAsync(response, cancellationToken);
    }

    private static async Task<RenderRefusedException> RefusedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? detail = null, errorType = null;
        var retryable = (int)response.StatusCode >= 500;
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                detail = Text(problem.RootElement, "detail");
                errorType = Text(problem.RootElement, "error_type");
                retryable = problem.RootElement.TryGetProperty("retryable", out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? value.GetBoolean()
                    : retryable;
            }
        }
        catch (JsonException)
        {
        }

        // Timeouts and size limits keep their own types; anything else (a bad wait_for included) is a failed render.
        var error = errorType is CrawlErrorTypes.Timeout or CrawlErrorTypes.TooLarge ? errorType : CrawlErrorTypes.RenderFailed;
        return new RenderRefusedException(new CrawlError(error, detail ?? $"The renderer answered {(int)response.StatusCode}.", retryable));
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>The Renderer could not render the page; <see cref="Error"/> is the page's result.</summary>
public sealed class RenderRefusedException(CrawlError error) : Exception(error.Message)
{
    public CrawlError Error { get; } = error;
}
