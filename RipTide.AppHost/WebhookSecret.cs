namespace RipTide.AppHost;

/// <summary>
/// The key that signs job webhooks (HMAC-SHA256, see docs/JOBS.md): a secret parameter, <c>webhook-secret</c>,
/// given to every Api copy. Set it (<c>dotnet user-secrets set Parameters:webhook-secret …</c>) so that
/// receivers can verify; unset, one is generated for the run, and webhooks still go out signed.
/// </summary>
public static class WebhookSecret
{
    public const string ParameterName = "webhook-secret";

    public static IReadOnlyList<IResourceBuilder<ProjectResource>> WithWebhookSecret(this IReadOnlyList<IResourceBuilder<ProjectResource>> apis)
    {
        if (apis.Count == 0)
        {
            return apis;
        }

        var secret = apis[0].ApplicationBuilder.AddParameter(ParameterName, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        foreach (var api in apis)
        {
            api.WithEnvironment("RipTide__Jobs__WebhookSecret", secret);
        }

        return apis;
    }
}
