using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RipTide.Http;

/// <summary>
/// Query strings read strictly, as JSON bodies are: a parameter the route does not know, or one given twice,
/// is a 400 problem naming it, and numbers are parsed here (digits only, in range) rather than bound by the
/// framework, whose failures do not say which parameter was wrong.
/// </summary>
public static class StrictQuery
{
    /// <summary>Refuses, before the handler runs, any query parameter other than <paramref name="allowed"/> and any repeated one.</summary>
    public static TBuilder WithStrictQuery<TBuilder>(this TBuilder builder, params string[] allowed) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            Check(context.HttpContext, allowed) is { } problem ? problem : await next(context));

    public static ProblemHttpResult? Check(HttpContext context, IReadOnlyCollection<string> allowed)
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                return Problems.Validation(context, allowed.Count == 0
                    ? $"Query parameter '{Shorten(name)}' is not known: this route takes none."
                    : $"Query parameter '{Shorten(name)}' is not one of {string.Join(", ", allowed)}.");
            }

            if (values.Count > 1)
            {
                return Problems.Validation(context, $"Query parameter '{name}' is given {values.Count} times; give it once.");
            }
        }

        return null;
    }

    /// <summary>
    /// The integer <paramref name="name"/> in [<paramref name="min"/>, <paramref name="max"/>], or
    /// <paramref name="fallback"/> when absent; false with the problem to answer when it is not one.
    /// </summary>
    public static bool TryWholeNumber(
        HttpContext context, string name, int min, int max, int fallback, out int value, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = null;
        var raw = context.Request.Query[name];
        if (raw.Count == 0)
        {
            value = fallback;
            return true;
        }

        if (int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        problem = Problems.Validation(context, $"Query parameter '{name}' must be a whole number from {min} to {max}.");
        return false;
    }

    /// <summary>The value of <paramref name="name"/>, or null when absent.</summary>
    public static string? Text(HttpContext context, string name) => context.Request.Query[name] is { Count: 1 } raw ? raw[0] : null;

    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
