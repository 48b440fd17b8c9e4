using Microsoft.Extensions.Configuration;
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

    /// <summary>
    /// <typeparamref name="TOptions"/> bound and validated now, for the few values a service needs while it is
    /// still being built (the gateway's routes and Kestrel limits): the same rules and the same message as
    /// validation at start, so a bad value never gets as far as being used.
    /// </summary>
    public static TOptions GetValidated<TOptions>(this IConfiguration configuration)
        where TOptions : class, ISectionOptions, new()
    {
        var options = configuration.GetSection(TOptions.SectionName).Get<TOptions>() ?? new TOptions();
        var result = new DataAnnotationValidateOptions<TOptions>(Microsoft.Extensions.Options.Options.DefaultName).Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(TOptions), result.Failures) : options;
    }
}
