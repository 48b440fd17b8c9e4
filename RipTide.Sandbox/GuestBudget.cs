using System.Diagnostics;

namespace RipTide.Sandbox;

/// <summary>
/// How long one guest call may run: until <see cref="Deadline"/> (a <see cref="Stopwatch"/> timestamp) or
/// until <see cref="Cancellation"/> fires, whichever comes first. The slot checks both at every epoch tick,
/// so a caller that gives up (the Api's deadline passed, the client went away) stops the guest within a tick.
/// </summary>
public readonly record struct GuestBudget(long Deadline, CancellationToken Cancellation)
{
    /// <summary>No deadline and no cancellation: for tools that count instructions, never for services.</summary>
    public static GuestBudget Unlimited => new(long.MaxValue, CancellationToken.None);

    public static GuestBudget From(TimeSpan limit, CancellationToken cancellation) =>
        new(Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency), cancellation);

    public bool Expired => Stopwatch.GetTimestamp() >= Deadline;
}

/// <summary>Thrown from the epoch callback to stop a guest whose budget ran out.</summary>
public sealed class GuestDeadlineExceededException() : Exception("The extraction's deadline passed.");
