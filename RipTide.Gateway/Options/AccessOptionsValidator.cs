using Microsoft.Extensions.Options;
using RipTide.Access;
using RipTide.Gateway.Edge;

namespace RipTide.Gateway.Options;

/// <summary>
/// Refuses keys that are too short to resist guessing or that hold characters no header can carry. The
/// messages give a key's position, never the key.
/// </summary>
public sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var errors = new List<string>();
        Check(nameof(AccessOptions.ApiKeys), options.ApiKeys, errors);
        Check(nameof(AccessOptions.AdminKeys), options.AdminKeys, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(string setting, string? keys, List<string> errors)
    {
        var split = KeyList.Split(keys);
        for (var index = 0; index < split.Count; index++)
        {
            var key = split[index];
            if (key.Length is < ApiKeyRing.MinKeyLength or > ApiKeyRing.MaxKeyLength)
            {
                errors.Add($"{AccessOptions.SectionName}:{setting}: key #{index + 1} has {key.Length} characters; keys need {ApiKeyRing.MinKeyLength} to {ApiKeyRing.MaxKeyLength}.");
            }
            else if (!key.All(c => c is > ' ' and < (char)127))
            {
                errors.Add($"{AccessOptions.SectionName}:{setting}: key #{index + 1} holds a character outside printable ASCII.");
            }
        }
    }
}
