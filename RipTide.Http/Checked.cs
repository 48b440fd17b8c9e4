using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RipTide.Http;

/// <summary>
/// A request's value once read and checked, or the problem to answer with instead: exactly one of the two.
/// <see cref="TryGetValue"/> tells the compiler which, so callers need no null-forgiving <c>!</c>.
/// </summary>
public readonly struct Checked<T> where T : class
{
    private readonly T? _value;
    private readonly ProblemHttpResult? _problem;

    private Checked(T? value, ProblemHttpResult? problem)
    {
        _value = value;
        _problem = problem;
    }

    public static implicit operator Checked<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static implicit operator Checked<T>(ProblemHttpResult problem) => new(null, problem ?? throw new ArgumentNullException(nameof(problem)));

    public bool TryGetValue([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        if (_value is { } checkedValue)
        {
            value = checkedValue;
            problem = null;
            return true;
        }

        // default(Checked<T>) has neither: a programming error, not a request's.
        problem = _problem ?? throw new InvalidOperationException("A Checked value was used without being set.");
        value = null;
        return false;
    }
}
