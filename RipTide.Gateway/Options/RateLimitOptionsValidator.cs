using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RipTide.Gateway.Options;

/// <summary>Validates both buckets (data annotations do not reach nested objects) and reports every fault at once.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        Check(nameof(RateLimitOptions.PerIp), options.PerIp, errors);
        Check(nameof(RateLimitOptions.PerKey), options.PerKey, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(string label, RateLimitOptions.TokenBucket bucket, List<string> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(bucket, new ValidationContext(bucket), results, validateAllProperties: true);
        errors.AddRange(results.Select(result => $"{RateLimitOptions.SectionName}:{label}: {result.ErrorMessage}"));
        if (bucket.Burst > 0 && bucket.Burst < bucket.PermitsPerSecond)
        {
            errors.Add($"{RateLimitOptions.SectionName}:{label}:Burst ({bucket.Burst}) must be at least PermitsPerSecond ({bucket.PermitsPerSecond}).");
        }
    }
}
