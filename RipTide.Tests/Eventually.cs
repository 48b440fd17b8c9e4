namespace RipTide.Tests;

/// <summary>For state that settles on its own schedule (a reconnect, a restart): ask again until it has.</summary>
public static class Eventually
{
    /// <summary>
    /// Repeats <paramref name="attempt"/> every half second until <paramref name="done"/> holds or a minute has
    /// passed, and returns the last result either way, so the caller's assertion says what was seen.
    /// </summary>
    public static async Task<T> RetryUntilAsync<T>(Func<Task<T>> attempt, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var result = await attempt();
            if (done(result) || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(500);
        }
    }
}
