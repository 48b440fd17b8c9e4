using System.Text.Json;

namespace RipTide.Api.Jobs.Webhooks;

/// <summary>One webhook POST: <c>{"type", "job_id", "at", "data"}</c>; a page event's data is the stored result.</summary>
public sealed record WebhookEvent(string JobId, string Type, WebhookSpec Target, byte[] Body)
{
    public static WebhookEvent Page(string jobId, WebhookSpec target, DateTimeOffset at, byte[] resultJson) =>
        new(jobId, Contracts.Jobs.JobEvents.Page, target, Write(jobId, Contracts.Jobs.JobEvents.Page, at, writer => writer.WriteRawValue(resultJson, skipInputValidation: true)));

    public static WebhookEvent Lifecycle(string jobId, string type, WebhookSpec target, DateTimeOffset at, string status, string? reason) =>
        new(jobId, type, target, Write(jobId, type, at, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", status);
            writer.WriteString("reason", reason);
            writer.WriteEndObject();
        }));

    private static byte[] Write(string jobId, string type, DateTimeOffset at, Action<Utf8JsonWriter> data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("job_id", jobId);
            writer.WriteString("at", at);
            writer.WritePropertyName("data");
            data(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
