using System.Text.Json.Serialization;

namespace RipTide.Contracts.Rendering;

/// <summary>
/// Body of the Renderer's POST /render (internal: only the Api calls it). The main document is the one the Api
/// already fetched, through robots.txt and per-host politeness: the browser is handed <see cref="Html"/> as the
/// answer for <see cref="Url"/> and fetches only what the page itself asks for, every request through the
/// Renderer's SSRF guard.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RenderRequest(
    string Url,
    string Html,
    int Status = 200,
    int? TimeoutMs = null,
    string? WaitFor = null,
    int Scroll = 0,
    bool Screenshot = false,
    bool FullPage = false,
    int WaitMs = 0,
    bool Mobile = false);
