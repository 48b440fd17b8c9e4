using System.Net.Http.Headers;

namespace RipTide.Bench.Cli;

/// <summary>
/// The gateway's API key, when it needs one, comes from <c>RIPTIDE_API_KEY</c> rather than an option, so
/// that it never shows in a process list or a shell history.
/// </summary>
public static class ApiKey
{
    public const string EnvironmentVariable = "RIPTIDE_API_KEY";

    public static HttpClient Authorized(this HttpClient client)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } key)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }
}
