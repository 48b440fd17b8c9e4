using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using AngleSharp.Css.Parser;

namespace RipTide.Extractor.Extraction;

/// <summary>One named field of a CSS schema: a selector, first or all matches, text or an attribute.</summary>
public sealed record CssField(string Name, string Selector, bool All, string? Attribute);

/// <summary>
/// A parsed <c>css_schema</c>: <c>{"fields": {"price": ".price", "tags": {"selector": ".tag", "all": true,
/// "attribute": "href"}}}</c>. Parsing validates every selector up front, so a bad schema is a 400, not a
/// failure halfway through a crawl.
/// </summary>
public sealed record CssSchema(IReadOnlyList<CssField> Fields)
{
    public const int MaxFields = 100;

    public static bool TryParse(JsonElement schema, out CssSchema parsed, out string problem)
    {
        parsed = new CssSchema([]);
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Object)
        {
            problem = "css_schema must be an object with a \"fields\" object.";
            return false;
        }

        var parser = new CssSelectorParser();
        var list = new List<CssField>();
        foreach (var field in fields.EnumerateObject())
        {
            if (list.Count == MaxFields)
            {
                problem = $"css_schema has more than {MaxFields} fields.";
                return false;
            }

            if (!TryParseField(field, out var parsedField, out problem))
            {
                return false;
            }

            if (parser.ParseSelector(parsedField.Selector) is null)
            {
                problem = $"css_schema.fields.{field.Name}: '{parsedField.Selector}' is not a valid CSS selector.";
                return false;
            }

            list.Add(parsedField);
        }

        parsed = new CssSchema(list);
        problem = string.Empty;
        return true;
    }

    private static bool TryParseField(JsonProperty field, [NotNullWhen(true)] out CssField? parsed, out string problem)
    {
        parsed = null;
        problem = string.Empty;
        switch (field.Value.ValueKind)
        {
            case JsonValueKind.String:
                parsed = new CssField(field.Name, field.Value.GetString()!, All: false, Attribute: null);
                return true;
            case JsonValueKind.Object:
                if (!field.Value.TryGetProperty("selector", out var selector) || selector.ValueKind != JsonValueKind.String)
                {
                    problem = $"css_schema.fields.{field.Name}.selector must be a string.";
                    return false;
                }

                var all = field.Value.TryGetProperty("all", out var allValue) && allValue.ValueKind == JsonValueKind.True;
                if (field.Value.TryGetProperty("all", out allValue) && allValue.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problem = $"css_schema.fields.{field.Name}.all must be true or false.";
                    return false;
                }

                string? attribute = null;
                if (field.Value.TryGetProperty("attribute", out var attributeValue))
                {
                    if (attributeValue.ValueKind != JsonValueKind.String)
                    {
                        problem = $"css_schema.fields.{field.Name}.attribute must be a string.";
                        return false;
                    }

                    attribute = attributeValue.GetString();
                }

                parsed = new CssField(field.Name, selector.GetString()!, all, attribute);
                return true;
            default:
                problem = $"css_schema.fields.{field.Name} must be a selector string or an object.";
                return false;
        }
    }
}
