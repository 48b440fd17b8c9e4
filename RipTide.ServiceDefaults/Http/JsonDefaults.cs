using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RipTide.Contracts;

namespace RipTide.ServiceDefaults.Http;

/// <summary>
/// HTTP bodies use the contract's JSON: snake_case, source-generated metadata first. Without this,
/// minimal APIs answer in camelCase and services would disagree with each other on the wire.
/// </summary>
public static class JsonDefaults
{
    public static IServiceCollection AddRipTideJson(this IServiceCollection services) =>
        services.Configure<JsonOptions>(options => Apply(options.SerializerOptions));

    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.TypeInfoResolverChain.Insert(0, RipTideJsonContext.Default);
    }
}
