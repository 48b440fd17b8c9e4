namespace RipTide.Contracts;

/// <summary>
/// AppHost resource names. Each is also the connection-string name and the service-discovery host,
/// so the AppHost and the services share these constants instead of repeating strings.
/// </summary>
public static class ResourceNames
{
    public const string Cache = "cache";
    public const string Extractor = "extractor";
    public const string Renderer = "renderer";
    public const string Api = "api";
    public const string Gateway = "gateway";
    public const string Dashboard = "dashboard";

    /// <summary>The name of the <paramref name="index"/>-th Api copy: api-0, api-1, …</summary>
    public static string ApiCopy(int index) => $"{Api}-{index}";

    /// <summary>The first Extractor copy keeps the plain name; further copies are extractor-1, extractor-2, ….</summary>
    public static string ExtractorCopy(int index) => index == 0 ? Extractor : $"{Extractor}-{index}";
}
