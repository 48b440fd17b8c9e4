using RipTide.Access;

namespace RipTide.Tests.Unit;

public sealed class KeySetTests
{
    private const string First = "first-key-0123456789";
    private const string Second = "second-key-0123456789";

    [Fact]
    public void Every_key_of_the_list_matches_and_nothing_else_does()
    {
        var keys = KeySet.From($" {First} ,\n{Second}");

        Assert.True(keys.Contains(First));
        Assert.True(keys.Contains(Second));
        Assert.True(keys.ContainsDigest(KeySet.Digest(Second)));
        Assert.False(keys.Contains(First.ToUpperInvariant()));
        Assert.False(keys.Contains(First[..^1]));
        Assert.False(keys.Contains(""));
        Assert.False(keys.Contains(null));
        Assert.False(keys.Contains(new string('k', KeySet.MaxKeyLength + 1)));
    }

    [Fact]
    public void An_empty_setting_is_an_empty_set_that_matches_nothing()
    {
        var keys = KeySet.From(" , ");

        Assert.True(keys.IsEmpty);
        Assert.False(keys.Contains(" , "));
    }
}
