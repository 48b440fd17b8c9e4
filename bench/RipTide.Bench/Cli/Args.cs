using System.Globalization;

namespace RipTide.Bench.Cli;

/// <summary>
/// The subcommands' options: <c>--name value</c> pairs and bare <c>--flag</c>s. Unknown names and bad
/// values fail with a message naming the option, before anything runs.
/// </summary>
public sealed class Args
{
    private readonly Dictionary<string, string?> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private Args(Dictionary<string, string?> values) => _values = values;

    /// <param name="args">The words after the subcommand.</param>
    /// <param name="flags">Options that take no value.</param>
    public static Args Parse(string[] args, params string[] flags)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{name}'.");
            }

            if (flags.Contains(name))
            {
                values[name] = null;
                continue;
            }

            values[name] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
        }

        return new Args(values);
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _values.ContainsKey(name);
    }

    public string? Text(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string Text(string name, string fallback) => Text(name) ?? fallback;

    public int Whole(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var value = Text(name) is { } text ? ParseInt(name, text) : fallback;
        return value >= min && value <= max ? value : throw new ArgumentException($"{name} must be between {min} and {max}.");
    }

    public double Number(string name, double fallback, double min, double max)
    {
        var value = Text(name) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new ArgumentException($"{name} '{text}' is not a number.")
            : fallback;
        return value >= min && value <= max ? value : throw new ArgumentException($"{name} must be between {min} and {max}.");
    }

    /// <summary>A comma-separated list of positive integers, e.g. <c>1,5,10</c>.</summary>
    public int[] Ints(string name, int[] fallback) =>
        Text(name) is { } text ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part => Positive(name, ParseInt(name, part)))] : fallback;

    /// <summary>A duration such as <c>500ms</c>, <c>10s</c> or <c>2m</c>.</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }

        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? TimeSpan.FromSeconds(value * unit)
            : throw new ArgumentException($"{name} '{text}' is not a duration (e.g. 500ms, 10s, 2m).");
    }

    /// <summary>Fails on any option that no one asked for: a typo must not silently run the default.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(name => !_read.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", unknown)}.");
        }
    }

    private static int ParseInt(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"{name} '{text}' is not an integer.");

    private static int Positive(string name, int value) => value > 0 ? value : throw new ArgumentException($"{name} values must be positive.");
}
