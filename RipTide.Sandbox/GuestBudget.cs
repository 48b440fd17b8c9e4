namespace RipTide.Sandbox;

/// <summary>
/// How long one guest call may run: until <see cref="Stop"/> fires, which it does when the call's deadline
/// passes or when <see cref="Cancellation"/> (the caller giving up: the Api's deadline passed, the client went
/// away) fires. The slot advances the engine's epoch the moment <see cref="Stop"/> fires, so the guest stops
/// at its next epoch check, within microseconds.
/// </summary>
public readonly record struct GuestBudget(CancellationToken Stop, CancellationToken Cancellation)
{
    /// <summary>No deadline and no cancellation: for tools that count instructions, never for services.</summary>
    public static GuestBudget Unlimited => new(CancellationToken.None, CancellationToken.None);

    /// <summary>The deadline passed (and not because the caller cancelled).</summary>
    public bool Expired => Stop.IsCancellationRequested && !Cancellation.IsCancellationRequested;
}

/// <summary>Thrown from the epoch callback to stop a guest whose budget ran out.</summary>
public sealed class GuestDeadlineExceededException() : Exception("The extraction's deadline passed.");
