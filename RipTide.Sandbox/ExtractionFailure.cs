namespace RipTide.Sandbox;

/// <summary>Why the sandbox could not produce a document.</summary>
public enum ExtractionFailureKind
{
    /// <summary>The input is larger than the sandbox accepts.</summary>
    TooLarge,

    /// <summary>The guest ran past its deadline and was interrupted.</summary>
    Timeout,

    /// <summary>The page nests elements deeper than the guest parses (refused early: parsing it would take quadratic time).</summary>
    TooComplex,

    /// <summary>The guest ran out of its memory cap.</summary>
    OutOfMemory,

    /// <summary>The guest trapped (a bug, or input it could not handle).</summary>
    Trap,

    /// <summary>The module could not be loaded or instantiated at all.</summary>
    Unavailable,

    /// <summary>Every slot is busy and the waiting line is full; try again shortly.</summary>
    Overloaded,
}

/// <summary>An extraction the sandbox refused or could not finish; the slot involved was replaced.</summary>
public sealed class ExtractionFailedException(ExtractionFailureKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ExtractionFailureKind Kind { get; } = kind;
}
