using System.Net;
using System.Text.RegularExpressions;

namespace RipTide.Tests.App;

/// <summary>
/// Talks to the dashboard as a browser does, without following redirects: a cookie jar, the sign-in form's
/// antiforgery token, and a form post.
/// </summary>
public sealed partial class DashboardSignInClient : IDisposable
{
    private readonly HttpClient _http;

    public DashboardSignInClient(Uri dashboard)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = dashboard };
    }

    public HttpClient Http => _http;

    /// <summary>Fetches the sign-in form and posts <paramref name="key"/> with its token.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key, string returnUrl = "/")
    {
        var form = await _http.GetStringAsync("/login");
        return await PostFormAsync("/login", AntiforgeryToken(form), new() { ["key"] = key, ["returnUrl"] = returnUrl });
    }

    /// <summary>Posts the sign-out form of a page that shows it.</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var page = await _http.GetStringAsync("/");
        return await PostFormAsync("/logout", AntiforgeryToken(page), []);
    }

    public static string AntiforgeryToken(string html) =>
        TokenField().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("The page has no antiforgery token.");

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> PostFormAsync(string path, string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        return _http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
