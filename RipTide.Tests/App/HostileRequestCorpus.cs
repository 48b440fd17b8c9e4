using System.Net.Http.Headers;
using System.Text;

namespace RipTide.Tests.App;

/// <summary>Which key a hostile request presents at the gateway.</summary>
public enum Presenting
{
    NoKey,
    ClientKey,
    AdminKey,
}

/// <summary>
/// One malformed or abusive request: what it is, who sends it, and how to build it. A request malformed at
/// the HTTP level (<paramref name="RefusedByKestrel"/>) is refused by the server before any of our code
/// runs, with Kestrel's own bare 4xx: it can promise the status, not the problem body.
/// </summary>
public sealed record HostileRequest(string Name, Presenting Key, Func<Uri, HttpRequestMessage> Build, bool RefusedByKestrel = false);

/// <summary>
/// Requests a hostile or careless client sends: bodies that are not JSON or not our JSON, numbers out of
/// range, nesting past any sane depth, Unicode that is not text, URL lists too long, URLs that are not web
/// addresses or carry header injections, wrong methods, path traversal into admin routes, oversized
/// headers and URLs, and bad keys. Every one must get a 4xx with problem+json.
/// </summary>
public static class HostileRequestCorpus
{
    private const int LargeBody = 64 * 1024;

    private static readonly string[] JsonEndpoints = ["/crawl", "/crawl/stream", "/extract", "/admin/cache/warm"];
    private static readonly string[] CrawlEndpoints = ["/crawl", "/crawl/stream", "/admin/cache/warm"];

    private static readonly string[] TraversalPaths =
    [
        "/admin/..%2f..%2fetc%2fpasswd",
        "/admin/%2e%2e/%2e%2e/etc/passwd",
        "/admin/wasm/..%5c..%5cstats",
        "/admin/%252e%252e/crawl",
        "/admin/wasm/stats/../../../../etc/passwd",
        "/admin/./././wasm/nothing",
        "/admin/wasm/stats;jsessionid=1",
        "/admin/%c0%ae%c0%ae/",
        "/admin/cache/..;/..;/crawl",
    ];

    public static IReadOnlyList<HostileRequest> All() =>
    [
        .. from endpoint in JsonEndpoints from body in MalformedBodies() select Json(endpoint, body.Name, body.Bytes),
        .. from endpoint in CrawlEndpoints from body in BadCrawlRequests() select Json(endpoint, body.Name, Encoding.UTF8.GetBytes(body.Json)),
        .. BadExtractRequests().Select(body => Json("/extract", body.Name, Encoding.UTF8.GetBytes(body.Json))),
        .. from endpoint in CrawlEndpoints from type in WrongContentTypes() select Body(endpoint, $"content type {type}", "{\"urls\":[\"http://example.com\"]}", type),
        .. Json("/crawl", "body over the Api's 1 MB limit", Encoding.UTF8.GetBytes("{\"urls\":[\"" + new string('a', 1_100_000) + "\"]}")).AndFor(CrawlEndpoints),
        .. WrongMethods(),
        .. AdminTraversals(),
        .. OversizedRequests(),
        .. BadKeys(),
    ];

    private static IEnumerable<(string Name, byte[] Bytes)> MalformedBodies()
    {
        IEnumerable<(string, string)> texts =
        [
            ("empty body", ""),
            ("lone brace", "{"),
            ("lone bracket", "["),
            ("a string", "\"just a string\""),
            ("a number", "42"),
            ("null", "null"),
            ("true", "true"),
            ("an array", "[]"),
            ("broken array", "{\"urls\": [}"),
            ("unterminated object", "{\"urls\": [\"http://example.com\"]"),
            ("trailing comma", "{\"urls\": [\"http://example.com\"],}"),
            ("single quotes", "{'urls': ['http://example.com']}"),
            ("trailing garbage", "{\"urls\": [\"http://example.com\"]} trailing"),
            ("two documents", "{\"urls\": [\"http://example.com\"]}{\"urls\": []}"),
            ("a comment", "/* hi */ {\"urls\": [\"http://example.com\"]}"),
            ("duplicate property", "{\"urls\": [\"http://example.com\"], \"urls\": [\"http://example.org\"]}"),
            ("5,000 nested arrays", "{\"urls\": " + new string('[', 5000) + new string(']', 5000) + "}"),
            ("100 nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100)),
            ("number beyond double", "{\"urls\": [\"http://example.com\"], \"options\": {\"concurrency\": 1e400}}"),
            ("NaN", "{\"urls\": [\"http://example.com\"], \"options\": {\"concurrency\": NaN}}"),
            ("NUL property name", "{\"\\u0000\": 1}"),
            ("lone surrogate property name", "{\"opti\\udc00ons\": 1}"),
            ("unquoted property", "{urls: [\"http://example.com\"]}"),
            ("hex number", "{\"urls\": [\"http://example.com\"], \"options\": {\"concurrency\": 0x10}}"),
        ];
        foreach (var (name, text) in texts)
        {
            yield return (name, Encoding.UTF8.GetBytes(text));
        }

        yield return ("invalid UTF-8", [.. "{\"urls\": [\""u8, 0xFF, 0xFE, 0xFD, .. "\"]}"u8]);
        yield return ("overlong UTF-8 slash", [.. "{\"urls\": [\"http://example.com"u8, 0xC0, 0xAF, .. "\"]}"u8]);
        yield return ("UTF-16 body", Encoding.Unicode.GetBytes("{\"urls\": [\"http://example.com\"]}"));
        yield return ("gzip magic bytes", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
    }

    private static IEnumerable<(string Name, string Json)> BadCrawlRequests()
    {
        static string Urls(params string[] urls) => "{\"urls\": [" + string.Join(",", urls.Select(u => System.Text.Json.JsonSerializer.Serialize(u))) + "]}";
        static string Options(string options) => "{\"urls\": [\"http://example.com\"], \"options\": " + options + "}";

        return
        [
            ("empty urls", "{\"urls\": []}"),
            ("missing urls", "{}"),
            ("null urls", "{\"urls\": null}"),
            ("null url", "{\"urls\": [null]}"),
            ("number url", "{\"urls\": [1]}"),
            ("nested url list", "{\"urls\": [[\"http://example.com\"]]}"),
            ("urls as object", "{\"urls\": {\"0\": \"http://example.com\"}}"),
            ("urls as string", "{\"urls\": \"http://example.com\"}"),
            ("10,000 URLs", Urls([.. Enumerable.Range(0, 10_000).Select(i => $"http://example.com/{i}")])),
            ("101 URLs", Urls([.. Enumerable.Range(0, 101).Select(i => $"http://example.com/{i}")])),
            ("10,000 duplicates", Urls([.. Enumerable.Repeat("http://example.com/", 10_000)])),
            ("empty URL", Urls("")),
            ("blank URL", Urls("   ")),
            ("javascript URL", Urls("javascript:alert(1)")),
            ("file URL", Urls("file:///etc/passwd")),
            ("data URL", Urls("data:text/html,<script>alert(1)</script>")),
            ("gopher to Redis", Urls("gopher://127.0.0.1:6379/_FLUSHALL")),
            ("ftp URL", Urls("ftp://example.com/")),
            ("scheme only", Urls("http://")),
            ("no host", Urls("http:///path")),
            ("scheme-relative", Urls("//example.com/a")),
            ("no scheme", Urls("example.com")),
            ("broken IPv6 literal", Urls("http://[::1")),
            ("space in host", Urls("http://exa mple.com/")),
            ("port out of range", Urls("http://example.com:99999/")),
            ("credentials", Urls("http://user:pass@example.com/")),
            ("CRLF header injection", Urls("http://example.com/\r\nHost: evil.example")),
            ("LF header injection", Urls("http://example.com/a\nX-Injected: 1")),
            ("NUL in URL", Urls("http://example.com/\u0000")),
            ("tab in host", Urls("http://exam\tple.com/")),
            ("C1 control in URL", Urls("http://example.com/a\u0085b")),
            ("lone surrogate URL", "{\"urls\": [\"http://example.com/\\ud800\"]}"),
            ("10,000-character URL", Urls("http://example.com/" + new string('a', 10_000))),
            ("concurrency 0", Options("{\"concurrency\": 0}")),
            ("concurrency negative", Options("{\"concurrency\": -1}")),
            ("concurrency huge", Options("{\"concurrency\": 99999999999999999999}")),
            ("concurrency fraction", Options("{\"concurrency\": 1.5}")),
            ("concurrency string", Options("{\"concurrency\": \"3\"}")),
            ("concurrency boolean", Options("{\"concurrency\": true}")),
            ("timeout negative", Options("{\"timeout_ms\": -1}")),
            ("timeout huge", Options("{\"timeout_ms\": 1e12}")),
            ("unknown cache mode", Options("{\"cache_mode\": \"sometimes\"}")),
            ("cache mode number", Options("{\"cache_mode\": 1}")),
            ("negative cache ttl", Options("{\"cache_ttl_seconds\": -5}")),
            ("unknown option", Options("{\"follow_everything\": true}")),
            ("options as array", Options("[]")),
            ("options as string", Options("\"fast\"")),
            ("unknown top-level field", "{\"urls\": [\"http://example.com\"], \"callback\": \"http://evil.example\"}"),
        ];
    }

    private static IEnumerable<(string Name, string Json)> BadExtractRequests() =>
    [
        ("missing url", "{}"),
        ("html without url", "{\"html\": \"<p>hi</p>\"}"),
        ("url as number", "{\"url\": 5}"),
        ("html as number", "{\"url\": \"http://example.com\", \"html\": 5}"),
        ("javascript url", "{\"url\": \"javascript:alert(1)\"}"),
        ("file url with html", "{\"url\": \"file:///etc/passwd\", \"html\": \"<p>x</p>\"}"),
        ("CRLF in url", "{\"url\": \"http://example.com/\\r\\nHost: evil\"}"),
        ("unknown field", "{\"url\": \"http://example.com\", \"eval\": true}"),
    ];

    private static IEnumerable<string> WrongContentTypes() =>
        ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png"];

    private static IEnumerable<HostileRequest> WrongMethods() =>
    [
        Raw("GET /crawl", Presenting.AdminKey, HttpMethod.Get, "/crawl"),
        Raw("PUT /crawl", Presenting.AdminKey, HttpMethod.Put, "/crawl"),
        Raw("DELETE /crawl", Presenting.AdminKey, HttpMethod.Delete, "/crawl"),
        Raw("PATCH /crawl/stream", Presenting.AdminKey, HttpMethod.Patch, "/crawl/stream"),
        Raw("GET /extract", Presenting.AdminKey, HttpMethod.Get, "/extract"),
        Raw("GET /admin/wasm/reset", Presenting.AdminKey, HttpMethod.Get, "/admin/wasm/reset"),
        Raw("PUT /admin/wasm/reset", Presenting.AdminKey, HttpMethod.Put, "/admin/wasm/reset"),
        Raw("POST /admin/wasm/stats", Presenting.AdminKey, HttpMethod.Post, "/admin/wasm/stats"),
        Raw("POST /admin/cache/stats", Presenting.AdminKey, HttpMethod.Post, "/admin/cache/stats"),
        Raw("PUT /admin/cache", Presenting.AdminKey, HttpMethod.Put, "/admin/cache"),
    ];

    private static IEnumerable<HostileRequest> AdminTraversals() =>
    [
        .. TraversalPaths.Select(path => Raw($"GET {path}", Presenting.AdminKey, HttpMethod.Get, path)),
        Raw("GET /admin/wasm/%00", Presenting.AdminKey, HttpMethod.Get, "/admin/wasm/%00") with { RefusedByKestrel = true },
        Raw("GET /admin/cache/stats%00.json", Presenting.AdminKey, HttpMethod.Get, "/admin/cache/stats%00.json") with { RefusedByKestrel = true },
        Raw("client key: /crawl/../admin/wasm/reset", Presenting.ClientKey, HttpMethod.Post, "/crawl/../admin/wasm/reset"),
        Raw("client key: /crawl/..%2fadmin/wasm/reset", Presenting.ClientKey, HttpMethod.Post, "/crawl/..%2fadmin/wasm/reset"),
        Raw("client key: //admin/wasm/reset", Presenting.ClientKey, HttpMethod.Post, "//admin/wasm/reset"),
        Raw("no key: /health/../admin/wasm/stats", Presenting.NoKey, HttpMethod.Get, "/health/../admin/wasm/stats"),
    ];

    private static IEnumerable<HostileRequest> OversizedRequests() =>
    [
        Raw("one 40 KB header", Presenting.AdminKey, HttpMethod.Post, "/crawl", request => request.Headers.Add("X-Big", new string('h', 40_000))),
        Raw("60 headers of 600 bytes", Presenting.AdminKey, HttpMethod.Post, "/crawl", request =>
        {
            for (var i = 0; i < 60; i++)
            {
                request.Headers.Add($"X-Pad-{i}", new string('p', 600));
            }
        }),
        Raw("9 KB query", Presenting.AdminKey, HttpMethod.Post, "/crawl?x=" + new string('q', 9000)),
        Raw("9 KB invalidation prefix", Presenting.AdminKey, HttpMethod.Delete, "/admin/cache?prefix=" + new string('q', 9000)),
        Raw("17 MB extract body", Presenting.AdminKey, HttpMethod.Post, "/extract", request =>
        {
            request.Content = new ByteArrayContent(new byte[17 * 1024 * 1024]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
            request.Headers.ExpectContinue = true;
        }),
        Raw("gzip-encoded body the Api does not inflate", Presenting.AdminKey, HttpMethod.Post, "/crawl", request =>
        {
            request.Content = new ByteArrayContent([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x01, 0x02]);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Content.Headers.ContentEncoding.Add("gzip");
        }),
    ];

    private static IEnumerable<HostileRequest> BadKeys() =>
    [
        Raw("no key", Presenting.NoKey, HttpMethod.Post, "/crawl"),
        Raw("wrong bearer key", Presenting.NoKey, HttpMethod.Post, "/crawl", request => request.Headers.Add("Authorization", "Bearer not-a-real-key-0000000000")),
        Raw("empty bearer", Presenting.NoKey, HttpMethod.Post, "/crawl", request => request.Headers.TryAddWithoutValidation("Authorization", "Bearer ")),
        Raw("basic credentials", Presenting.NoKey, HttpMethod.Post, "/crawl", request => request.Headers.Add("Authorization", "Basic dXNlcjpwYXNz")),
        Raw("10 KB key", Presenting.NoKey, HttpMethod.Post, "/crawl", request => request.Headers.Add("X-API-Key", new string('k', 10_000))),
        Raw("key with SQL", Presenting.NoKey, HttpMethod.Post, "/crawl", request => request.Headers.Add("X-API-Key", "' OR '1'='1' --")),
        Raw("no key on admin", Presenting.NoKey, HttpMethod.Post, "/admin/wasm/reset"),
        Raw("client key on reset", Presenting.ClientKey, HttpMethod.Post, "/admin/wasm/reset"),
        Raw("client key on cache invalidation", Presenting.ClientKey, HttpMethod.Delete, "/admin/cache?prefix=http"),
        Raw("client key on /ADMIN", Presenting.ClientKey, HttpMethod.Post, "/ADMIN/wasm/reset"),
        Raw("client key on metrics", Presenting.ClientKey, HttpMethod.Get, "/metrics"),
    ];

    private static HostileRequest Json(string endpoint, string name, byte[] body) =>
        new($"POST {endpoint}: {name}", Presenting.AdminKey, baseAddress => new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, endpoint))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            // A large body waits for "100 Continue", as careful clients do, so a refusal before the body is read
            // arrives as an answer rather than as a broken pipe halfway through the upload.
            Headers = { ExpectContinue = body.Length > LargeBody },
        });

    private static HostileRequest Body(string endpoint, string name, string body, string contentType) =>
        new($"POST {endpoint}: {name}", Presenting.AdminKey, baseAddress => new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, endpoint))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } },
        });

    private static IEnumerable<HostileRequest> AndFor(this HostileRequest request, IEnumerable<string> endpoints) =>
        endpoints.Select(endpoint => request with
        {
            Name = request.Name.Replace("/crawl", endpoint, StringComparison.Ordinal),
            Build = baseAddress =>
            {
                var message = request.Build(baseAddress);
                message.RequestUri = new Uri(baseAddress, endpoint);
                return message;
            },
        });

    /// <summary>A request whose path is sent as written: no dot-segment removal, no unescaping.</summary>
    private static HostileRequest Raw(string name, Presenting key, HttpMethod method, string pathAndQuery, Action<HttpRequestMessage>? configure = null) =>
        new(name, key, baseAddress =>
        {
            var uri = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + pathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
            var request = new HttpRequestMessage(method, uri);
            configure?.Invoke(request);
            return request;
        });
}
