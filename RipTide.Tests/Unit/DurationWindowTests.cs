using RipTide.Sandbox;

namespace RipTide.Tests.Unit;

public sealed class DurationWindowTests
{
    [Fact]
    public void Percentiles_are_of_the_most_recent_durations_and_follow_each_new_one()
    {
        var window = new DurationWindow(capacity: 100);
        Assert.Equal((0, 0), window.Percentiles());

        for (var i = 1; i <= 100; i++)
        {
            window.Add(i);
        }

        Assert.Equal((50, 95), window.Percentiles());
        Assert.Equal((50, 95), window.Percentiles());

        // A hundred slow calls push every fast one out of the window: the answer must not be the one kept before.
        for (var i = 0; i < 100; i++)
        {
            window.Add(1_000);
        }

        Assert.Equal((1_000, 1_000), window.Percentiles());
        for (var i = 0; i < 50; i++)
        {
            window.Add(1);
        }

        Assert.Equal((1, 1_000), window.Percentiles());
    }
}
