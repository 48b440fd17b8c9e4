using Microsoft.Extensions.Options;

namespace RipTide.ServiceDefaults.Performance;

/// <summary>Refuses an unknown profile name at start, naming the ones that exist.</summary>
public sealed class PerformanceOptionsValidator : IValidateOptions<PerformanceOptions>
{
    public ValidateOptionsResult Validate(string? name, PerformanceOptions options) =>
        PerformanceProfile.Names.Contains(options.Profile)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{PerformanceOptions.SectionName}:Profile '{options.Profile}' is not one of {string.Join(", ", PerformanceProfile.Names)}.");
}
