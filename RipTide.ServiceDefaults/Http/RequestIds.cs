using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace RipTide.ServiceDefaults.Http;

/// <summary>
/// The request id travels in <c>X-Request-Id</c>: the gateway sets it when a client did not, and every
/// service reads it from there. A value that is too long or not plain ASCII is replaced, so it is safe to
/// log and echo.
/// </summary>
public static class RequestIds
{
    public const string HeaderName = "X-Request-Id";
    public const int MaxLength = 128;

    public static string Get(HttpContext context)
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        return IsAcceptable(incoming) ? incoming : context.TraceIdentifier;
    }

    public static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxLength
        && value.All(c => c is > ' ' and < (char)127);

    /// <summary>A new id: the current trace id when there is one, so logs and traces line up.</summary>
    public static string NewId() =>
        Activity.Current is { } activity && activity.TraceId != default
            ? activity.TraceId.ToHexString()
            : Guid.NewGuid().ToString("N");
}
