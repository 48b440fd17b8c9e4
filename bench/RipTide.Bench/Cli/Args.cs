using System.CommandLine;
using System.Globalization;

namespace RipTide.Bench.Cli;

/// <summary>
/// The options a subcommand was given (parsed by System.CommandLine, <see cref="BenchCommandLine"/>), read in
/// our own value forms. Bad values fail with a message naming the option, before anything runs.
/// </summary>
public sealed class Args
{
    private readonly Dictionary<string, string?> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private Args(Dictionary<string, string?> values) => _values = values;

    /// <summary>The options given on the command line (not those left out): flags as present, others with their value.</summary>
    public static Args From(ParseResult result)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var option in result.CommandResult.Command.Options)
        {
            switch (option)
            {
                case Option<bool> flag when result.GetValue(flag):
                    values[flag.Name] = null;
                    break;
                case Option<string> valued when result.GetValue(valued) is { } value:
                    values[valued.Name] = value;
                    break;
            }
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

    /// <summary>
    /// Fails on any option given but not read: one that this run ignores (a site option without <c>--site</c>)
    /// must not look as if it had been applied.
    /// </summary>
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
