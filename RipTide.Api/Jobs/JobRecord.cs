using StackExchange.Redis;

namespace RipTide.Api.Jobs;

/// <summary>A job's metadata hash as read from Redis.</summary>
public sealed record JobRecord(
    string Id,
    string Caller,
    string Status,
    string? Reason,
    string Kind,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string SeedsPreview,
    DateTimeOffset? SeedingSince)
{
    public static JobRecord? From(HashEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(entry => entry.Name.ToString(), entry => entry.Value.ToString(), StringComparer.Ordinal);
        string? Field(string name) => fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        DateTimeOffset? Time(string name) => long.TryParse(Field(name), out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

        if (Field("id") is not { } id || Field("status") is not { } status || Time("created") is not { } created)
        {
            return null;
        }

        return new JobRecord(id, Field("caller") ?? string.Empty, status, Field("reason"), Field("kind") ?? JobKinds.Batch,
            created, Time("started"), Time("finished"), Field("seeds") ?? "[]", Time("seeding"));
    }
}
