using Microsoft.Extensions.Options;
using RipTide.Net;

namespace RipTide.Api.Options;

/// <summary>Rejects at start any allowed network that is not valid CIDR, naming every bad entry.</summary>
public sealed class FetchOptionsValidator : IValidateOptions<FetchOptions>
{
    public ValidateOptionsResult Validate(string? name, FetchOptions options)
    {
        var failures = NetworkList.Problems(options.AllowedNetworks, $"{FetchOptions.SectionName}:AllowedNetworks");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
