using RipTide.Api.Jobs;
using RipTide.Contracts;
using RipTide.Contracts.Jobs;
using RipTide.Http;

namespace RipTide.Api.Endpoints;

/// <summary>POST /map: a site's URLs from its sitemaps and start page, without extracting content.</summary>
public static class MapEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapMapEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/map", MapAsync).WithTags("Jobs").WithStrictQuery()
            .WithName("Map").WithSummary("Discovers a site's URLs from its sitemaps and the links of its start page; robots.txt respected.")
            .TakesJson<MapRequest>()
            .Produces<MapResponse>();
        return app;
    }

    private static async Task<IResult> MapAsync(HttpContext context, SiteMapper mapper, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(context, RipTideJsonContext.Default.MapRequest, MaxBodyBytes, cancellationToken);
        if (!body.TryGetValue(out var request, out var problem))
        {
            return problem;
        }

        return mapper.TryPlan(request, out var plan, out var detail)
            ? TypedResults.Ok(await mapper.MapAsync(plan, cancellationToken))
            : Problems.Validation(context, detail);
    }
}
