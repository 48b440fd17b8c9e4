using System.Net;
using Microsoft.Extensions.Options;

namespace RipTide.Api.Options;

/// <summary>Rejects at start any allowed network that is not valid CIDR, naming every bad entry.</summary>
public sealed class FetchOptionsValidator : IValidateOptions<FetchOptions>
{
    public ValidateOptionsResult Validate(string? name, FetchOptions options)
    {
        var failures = options.AllowedNetworks
            .Select((value, index) => (value, index))
            .Where(entry => !IPNetwork.TryParse(entry.value, out _))
            .Select(entry => $"{FetchOptions.SectionName}:AllowedNetworks:{entry.index} '{entry.value}' is not a CIDR range.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
