using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using RipTide.Contracts.Errors;

namespace RipTide.Tests.App;

/// <summary>
/// With keys configured (as the fixture runs), the dashboard holds the admin key: its pages, actions and live
/// connection must need an admin sign-in, and its metrics hub must take snapshots only from the services.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class DashboardAccessTests(AppHostFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/try")]
    [InlineData("/bench")]
    [InlineData("/metrics")]
    public async Task Without_a_sign_in_every_page_sends_the_browser_to_the_sign_in_form(string path)
    {
        using var anonymous = new DashboardSignInClient(fixture.DashboardUrl);

        using var response = await anonymous.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/")]
    public async Task No_other_site_may_frame_the_dashboard(string path)
    {
        using var response = await fixture.Dashboard.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Without_a_sign_in_the_live_connection_is_refused_but_the_probes_answer()
    {
        using var anonymous = new DashboardSignInClient(fixture.DashboardUrl);

        using var negotiate = await anonymous.Http.PostAsync("/_blazor/negotiate?negotiateVersion=1", content: null);
        using var health = await anonymous.Http.GetAsync("/health");

        Assert.True((int)negotiate.StatusCode is 302 or 401, $"negotiate answered {(int)negotiate.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_key_signs_in()
    {
        using var client = new DashboardSignInClient(fixture.DashboardUrl);

        using var wrong = await client.SignInAsync("not-a-key-of-this-riptide-000000");
        using var apiKey = await client.SignInAsync(fixture.ClientKey);
        using var stillOut = await client.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("data-testid=\"login-error\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, apiKey.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);

        using var admin = await client.SignInAsync(fixture.AdminKey, returnUrl: "/try");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/try", admin.Headers.Location!.OriginalString);
        using var page = await client.Http.GetAsync("/try");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("blazor.web.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task The_sign_in_never_redirects_off_the_dashboard(string returnUrl)
    {
        using var client = new DashboardSignInClient(fixture.DashboardUrl);

        using var response = await client.SignInAsync(fixture.AdminKey, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_and_sign_out_posts_without_the_form_s_antiforgery_token_are_refused()
    {
        using var stranger = new DashboardSignInClient(fixture.DashboardUrl);
        using var signedIn = new DashboardSignInClient(fixture.DashboardUrl);
        using var session = await signedIn.SignInAsync(fixture.AdminKey);

        using var signIn = await stranger.Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = fixture.AdminKey }));
        using var signOut = await signedIn.Http.PostAsync("/logout", new FormUrlEncodedContent([]));
        using var stillIn = await signedIn.Http.GetAsync("/");

        await ProblemAssert.IsProblemAsync(signIn, HttpStatusCode.BadRequest, ProblemTypes.ValidationError);
        Assert.Null(signIn.Headers.Location);
        await ProblemAssert.IsProblemAsync(signOut, HttpStatusCode.BadRequest, ProblemTypes.ValidationError);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = new DashboardSignInClient(fixture.DashboardUrl);
        using var signIn = await client.SignInAsync(fixture.AdminKey);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var signOut = await client.SignOutAsync();
        using var after = await client.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/login", after.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-hub-key-0000000000000000")]
    public async Task The_metrics_hub_refuses_a_publisher_without_the_run_s_hub_key(string? hubKey)
    {
        await using var connection = fixture.MetricsHubConnection(hubKey);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }
}
