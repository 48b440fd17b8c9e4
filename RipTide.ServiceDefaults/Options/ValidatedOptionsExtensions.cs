using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RipTide.ServiceDefaults.Options;

public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from its section and validates it when the host starts, so a
    /// bad value fails start-up with its path instead of surfacing on the first request.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services)
        where TOptions : class, ISectionOptions =>
        services.AddOptions<TOptions>()
            .BindConfiguration(TOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
