using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RipTide.ServiceDefaults.Options;

namespace RipTide.ServiceDefaults.Performance;

public static class PerformanceExtensions
{
    /// <summary>Registers the validated performance options and the resolved <see cref="PerformanceProfile"/>.</summary>
    public static IServiceCollection AddPerformanceProfile(this IServiceCollection services)
    {
        services.AddValidatedOptions<PerformanceOptions>();
        services.AddSingleton<IValidateOptions<PerformanceOptions>, PerformanceOptionsValidator>();
        services.AddSingleton(provider => PerformanceProfile.Resolve(
            provider.GetRequiredService<IOptions<PerformanceOptions>>().Value, Environment.ProcessorCount));
        return services;
    }
}
