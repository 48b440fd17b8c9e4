namespace RipTide.Access;

/// <summary>
/// How a list of API keys is written in one setting (the AppHost's secret parameters): keys separated by
/// commas or white space. The gateway reads every key; the dashboard presents the first.
/// </summary>
public static class KeyList
{
    private static readonly char[] Separators = [',', ' ', '\t', '\r', '\n'];

    public static IReadOnlyList<string> Split(string? keys) =>
        string.IsNullOrWhiteSpace(keys) ? [] : keys.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
}
