using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace RipTide.Api.Firecrawl;

/// <summary>
/// The output formats a Firecrawl client asked for. <c>html</c> is the main content as clean HTML (rendered from
/// the extracted markdown), <c>rawHtml</c> the page as fetched. Formats that need a language model or a
/// product RipTide does not have are refused by name.
/// </summary>
public sealed record FirecrawlFormats(
    bool Markdown,
    bool Html = false,
    bool RawHtml = false,
    bool Links = false,
    bool Images = false,
    bool Screenshot = false,
    bool FullPageScreenshot = false,
    bool RemoveBase64Images = false)
{
    public static readonly FirecrawlFormats Default = new(Markdown: true);

    private static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        ["json"] = "needs a language model",
        ["summary"] = "needs a language model",
        ["question"] = "needs a language model",
        ["highlights"] = "needs a language model",
        ["query"] = "needs a language model",
        ["changeTracking"] = "needs stored snapshots of earlier scrapes",
        ["branding"] = "needs a language model",
        ["product"] = "needs a language model",
        ["menu"] = "needs a language model",
        ["attributes"] = "is not offered (use RipTide's own /crawl with options.css_schema)",
        ["audio"] = "is not offered",
        ["video"] = "is not offered",
    };

    /// <summary>The formats, or why they cannot be served. Absent means markdown, as in Firecrawl.</summary>
    public static bool TryParse(IReadOnlyList<JsonElement>? formats, bool removeBase64Images, [NotNullWhen(true)] out FirecrawlFormats? parsed, out string problem)
    {
        parsed = null;
        problem = string.Empty;
        if (formats is null)
        {
            parsed = Default with { RemoveBase64Images = removeBase64Images };
            return true;
        }

        if (formats.Count == 0)
        {
            problem = "formats must name at least one format.";
            return false;
        }

        var result = new FirecrawlFormats(Markdown: false, RemoveBase64Images: removeBase64Images);
        foreach (var format in formats)
        {
            if (!TryName(format, out var name, out problem))
            {
                return false;
            }

            switch (name)
            {
                case "markdown": result = result with { Markdown = true }; break;
                case "html": result = result with { Html = true }; break;
                case "rawHtml": result = result with { RawHtml = true }; break;
                case "links": result = result with { Links = true }; break;
                case "images": result = result with { Images = true }; break;
                case "screenshot" or "screenshot@fullPage":
                    if (!TryScreenshot(format, name == "screenshot@fullPage", out var fullPage, out problem))
                    {
                        return false;
                    }

                    result = result with { Screenshot = true, FullPageScreenshot = fullPage };
                    break;
                default:
                    problem = Refused.TryGetValue(name, out var why)
                        ? $"The '{name}' format {why}; RipTide does not support it."
                        : $"'{name}' is not a format; RipTide serves markdown, html, rawHtml, links, images and screenshot.";
                    return false;
            }
        }

        parsed = result;
        return true;
    }

    private static bool TryName(JsonElement format, out string name, out string problem)
    {
        problem = string.Empty;
        name = format.ValueKind switch
        {
            JsonValueKind.String => format.GetString()!,
            JsonValueKind.Object when format.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String => type.GetString()!,
            _ => string.Empty,
        };
        if (name.Length == 0)
        {
            problem = "Each of formats must be a format's name or an object with a \"type\".";
            return false;
        }

        return true;
    }

    private static bool TryScreenshot(JsonElement format, bool fullPageByName, out bool fullPage, out string problem)
    {
        fullPage = fullPageByName;
        problem = string.Empty;
        if (format.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        foreach (var member in format.EnumerateObject())
        {
            switch (member.Name)
            {
                case "type":
                    break;
                case "fullPage" when member.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    fullPage = member.Value.GetBoolean();
                    break;
                default:
                    problem = $"The screenshot format's '{member.Name}' is not supported; RipTide takes a PNG of the page's viewport or, with fullPage, the whole page.";
                    return false;
            }
        }

        return true;
    }

    /// <summary>A compact form kept beside a job, so its status answers carry the formats it was started with.</summary>
    public string Encode() => string.Join(',', Names());

    public static FirecrawlFormats Decode(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return Default;
        }

        var names = encoded.Split(',').ToHashSet(StringComparer.Ordinal);
        return new FirecrawlFormats(names.Contains("markdown"), names.Contains("html"), names.Contains("rawHtml"), names.Contains("links"),
            names.Contains("images"), names.Contains("screenshot"), names.Contains("fullPage"), names.Contains("removeBase64Images"));
    }

    private IEnumerable<string> Names()
    {
        if (Markdown) yield return "markdown";
        if (Html) yield return "html";
        if (RawHtml) yield return "rawHtml";
        if (Links) yield return "links";
        if (Images) yield return "images";
        if (Screenshot) yield return "screenshot";
        if (FullPageScreenshot) yield return "fullPage";
        if (RemoveBase64Images) yield return "removeBase64Images";
    }
}
