namespace Faas.Platform.Models;

/// <summary>
/// An <see cref="IOptionSource"/> over plain <c>key → text</c> pairs (a command line's
/// <c>--opt key=value</c>, a test), with the caller's way of building its errors.
/// </summary>
public sealed class OptionSource : IOptionSource
{
    private readonly SortedDictionary<string, string> _values;
    private readonly Func<string?, string, Exception> _error;

    /// <param name="values">The options; copied.</param>
    /// <param name="error">Builds the error for (key when written, else null; problem).</param>
    public OptionSource(IEnumerable<KeyValuePair<string, string>> values, Func<string?, string, Exception> error)
    {
        _values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in values) _values[k] = v;
        _error = error;
    }

    /// <summary>No options (every default); errors are <see cref="ArgumentException"/>s (defaults are always valid).</summary>
    public static OptionSource Empty { get; } = new([], (_, problem) => new ArgumentException(problem));

    public IEnumerable<string> Keys => _values.Keys;

    public bool TryGetText(string key, out string text)
    {
        if (_values.TryGetValue(key, out var v))
        {
            text = v;
            return true;
        }
        text = "";
        return false;
    }

    public Exception Error(string? key, string problem) => _error(key is not null && _values.ContainsKey(key) ? key : null, problem);
}
