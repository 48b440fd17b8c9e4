using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RipTide.Contracts;

namespace RipTide.Http;

/// <summary>What every RipTide web service answers in: the contract's JSON and RipTide's problem+json.</summary>
public static class HttpConventions
{
    public static IServiceCollection AddRipTideHttp(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(options => JsonDefaults.Apply(options.SerializerOptions));
        return services.AddRipTideProblemDetails();
    }
}
