using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RipTide.Dashboard.Components.Access;
using RipTide.Http;

namespace RipTide.Dashboard.Access;

/// <summary>Sign-in and sign-out, mapped only when <see cref="DashboardAccessOptions.RequireLogin"/> is set.</summary>
public static class AccessEndpoints
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";

    public static WebApplication MapDashboardAccess(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DashboardAccessOptions>>().Value.RequireLogin)
        {
            return app;
        }

        app.MapGet(LoginPath, (string? returnUrl, DashboardSignIn signIn) => Page(signIn, returnUrl, error: null)).AllowAnonymous();
        // Both posts check the form's antiforgery token themselves: the automatic check applies only to
        // form-bound parameters (sign-out has none) and throws instead of answering 400.
        app.MapPost(LoginPath, SignInAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost(LogoutPath, SignOutAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, DashboardSignIn signIn)
    {
        if (!await IsGenuineFormAsync(context, antiforgery))
        {
            return StaleForm(context);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        if (signIn.SignIn(form["key"].ToString()) is not { } principal)
        {
            return Page(signIn, returnUrl, "That is not an admin key of this RipTide.", StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await IsGenuineFormAsync(context, antiforgery))
        {
            return StaleForm(context);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect(LoginPath);
    }

    private static async Task<bool> IsGenuineFormAsync(HttpContext context, IAntiforgery antiforgery) =>
        context.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(context);

    private static ProblemHttpResult StaleForm(HttpContext context) =>
        Problems.Validation(context, "The form's antiforgery token is missing or stale: load the page again and resubmit.");

    private static RazorComponentResult<LoginPage> Page(DashboardSignIn signIn, string? returnUrl, string? error, int status = StatusCodes.Status200OK) =>
        new(new Dictionary<string, object?>
        {
            [nameof(LoginPage.ReturnUrl)] = LocalOrHome(returnUrl),
            [nameof(LoginPage.Error)] = error,
            [nameof(LoginPage.CanSignIn)] = signIn.CanSignIn,
        })
        { StatusCode = status };

    /// <summary>Only a path on this site: a return address elsewhere would make the sign-in page an open redirect.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is ['/', ..] && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            && !returnUrl.Any(char.IsControl) && returnUrl.Length <= 2048
            ? returnUrl
            : "/";
}
