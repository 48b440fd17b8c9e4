using System.Net.Http.Headers;
using RipTide.Access;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Dashboard.Gateway;

/// <summary>
/// <c>RipTide:Dashboard:Gateway</c>: the key the dashboard's actions and the bench runs it starts present at
/// the gateway. The AppHost passes the admin key when one is configured (pool reset and cache actions are
/// admin routes); empty when the gateway has no keys.
/// </summary>
public sealed class GatewayAccessOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Dashboard:Gateway";

    /// <summary>Where the bench tool reads its key (its <c>ApiKey.EnvironmentVariable</c>).</summary>
    public const string BenchKeyVariable = "RIPTIDE_API_KEY";

    /// <summary>A key, or the gateway's whole admin-key list (separated by commas or white space), of which the first is used.</summary>
    public string? Key { get; set; }

    public string? FirstKey => KeyList.Split(Key) is [var first, ..] ? first : null;

    public AuthenticationHeaderValue? Authorization => FirstKey is { } key ? new AuthenticationHeaderValue("Bearer", key) : null;
}
