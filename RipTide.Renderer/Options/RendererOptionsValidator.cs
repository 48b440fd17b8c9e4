using Microsoft.Extensions.Options;
using RipTide.Net;

namespace RipTide.Renderer.Options;

/// <summary>Rejects at start any allowed network that is not valid CIDR, naming every bad entry.</summary>
public sealed class RendererOptionsValidator : IValidateOptions<RendererOptions>
{
    public ValidateOptionsResult Validate(string? name, RendererOptions options)
    {
        var failures = NetworkList.Problems(options.AllowedNetworks, $"{RendererOptions.SectionName}:AllowedNetworks");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
