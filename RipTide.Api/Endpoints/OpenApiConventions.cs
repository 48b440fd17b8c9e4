namespace RipTide.Api.Endpoints;

/// <summary>
/// What a route takes and answers, for the OpenAPI document, where the handler cannot say it by its signature:
/// bodies are read strictly by <c>JsonBodyReader</c> (not bound by the framework), and many answers are
/// written from stored bytes.
/// </summary>
public static class OpenApiConventions
{
    /// <summary>A JSON body of <typeparamref name="TRequest"/>, and the problems every such route can answer.</summary>
    public static RouteHandlerBuilder TakesJson<TRequest>(this RouteHandlerBuilder route) where TRequest : notnull =>
        route.Accepts<TRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>The problem+json answers a route gives besides its success.</summary>
    public static RouteHandlerBuilder AnswersProblems(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            route.ProducesProblem(status);
        }

        return route;
    }
}
