using System.Text;
using RipTide.Api.Jobs.Webhooks;

namespace RipTide.Tests.Unit.Jobs;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":"page","job_id":"j"}""");

    [Fact]
    public void A_signature_verifies_with_the_secret_and_names_its_time()
    {
        var header = WebhookSignature.Create("s3cret", Now.ToUnixTimeSeconds(), Body);

        Assert.StartsWith($"t={Now.ToUnixTimeSeconds()},v1=", header, StringComparison.Ordinal);
        Assert.Equal(64, header.Split("v1=")[1].Length);
        Assert.True(WebhookSignature.Verify("s3cret", header, Body, Now.AddSeconds(30), Tolerance));
    }

    [Fact]
    public void A_changed_body_another_secret_a_replay_or_garbage_do_not_verify()
    {
        var header = WebhookSignature.Create("s3cret", Now.ToUnixTimeSeconds(), Body);
        var changed = (byte[])Body.Clone();
        changed[^2] ^= 1;

        Assert.False(WebhookSignature.Verify("s3cret", header, changed, Now, Tolerance));
        Assert.False(WebhookSignature.Verify("other", header, Body, Now, Tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", header, Body, Now.AddMinutes(6), Tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", "t=abc,v1=zz", Body, Now, Tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", header.Replace("t=", "t=1", StringComparison.Ordinal), Body, Now, Tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", string.Empty, Body, Now, Tolerance));
    }
}
