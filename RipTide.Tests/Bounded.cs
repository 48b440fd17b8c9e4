namespace RipTide.Tests;

/// <summary>Awaits that cannot hang a test run: each names what it waited for when its time runs out.</summary>
public static class Bounded
{
    public static async Task<T> WithinAsync<T>(this Task<T> task, TimeSpan limit, string what)
    {
        try
        {
            return await task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what} did not finish within {limit.TotalSeconds:0.#} s.");
        }
    }

    public static async Task WithinAsync(this Task task, TimeSpan limit, string what)
    {
        try
        {
            await task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what} did not finish within {limit.TotalSeconds:0.#} s.");
        }
    }
}
