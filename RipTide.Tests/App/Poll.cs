using System.Diagnostics;

namespace RipTide.Tests.App;

/// <summary>Waits for something the running system does in its own time (a background warm, an idle trim).</summary>
public static class Poll
{
    /// <summary>True as soon as <paramref name="condition"/> holds; false when it still does not after <paramref name="within"/>.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
