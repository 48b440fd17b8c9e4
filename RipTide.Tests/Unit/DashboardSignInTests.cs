using System.Security.Claims;
using Microsoft.Extensions.Options;
using RipTide.Dashboard.Access;
using RipTide.Dashboard.Gateway;

namespace RipTide.Tests.Unit;

public sealed class DashboardSignInTests
{
    private const string Admin = "admin-key-0123456789";
    private const string OtherAdmin = "other-admin-key-0123456789";

    private static DashboardSignIn With(string? adminKeys) => new(Options.Create(new GatewayAccessOptions { Key = adminKeys }));

    [Fact]
    public void An_admin_key_signs_in_and_the_session_stays_valid_while_the_key_is_configured()
    {
        var principal = With($"{Admin},{OtherAdmin}").SignIn(OtherAdmin);

        Assert.NotNull(principal);
        Assert.True(principal.Identity!.IsAuthenticated);
        Assert.True(With(OtherAdmin).IsCurrent(principal));
        Assert.False(With(Admin).IsCurrent(principal)); // the key was removed: the cookie no longer counts
        Assert.DoesNotContain(principal.Claims, claim => claim.Value.Contains(OtherAdmin, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("admin-key-012345678")]
    [InlineData("ADMIN-KEY-0123456789")]
    public void Anything_else_is_refused(string? presented) => Assert.Null(With(Admin).SignIn(presented));

    [Fact]
    public void Without_admin_keys_nobody_can_sign_in()
    {
        var signIn = With(null);

        Assert.False(signIn.CanSignIn);
        Assert.Null(signIn.SignIn(Admin));
    }

    [Fact]
    public void A_principal_without_the_key_digest_or_with_a_forged_one_is_not_current()
    {
        var signIn = With(Admin);

        Assert.False(signIn.IsCurrent(null));
        Assert.False(signIn.IsCurrent(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], "Cookies"))));
        Assert.False(signIn.IsCurrent(new ClaimsPrincipal(new ClaimsIdentity([new Claim(DashboardSignIn.KeyDigestClaim, "zz")], "Cookies"))));
        Assert.False(signIn.IsCurrent(new ClaimsPrincipal(new ClaimsIdentity([new Claim(DashboardSignIn.KeyDigestClaim, new string('0', 64))], "Cookies"))));
        Assert.False(signIn.IsCurrent(new ClaimsPrincipal(new ClaimsIdentity([new Claim(DashboardSignIn.KeyDigestClaim, new string('z', 64))], "Cookies"))));
    }

    [Theory]
    [InlineData("/try", "/try")]
    [InlineData("/bench?x=1", "/bench?x=1")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("try", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/a\r\nLocation: https://evil.example/", "/")]
    public void The_return_address_is_a_path_on_the_dashboard_or_home(string? returnUrl, string expected) =>
        Assert.Equal(expected, AccessEndpoints.LocalOrHome(returnUrl));
}
