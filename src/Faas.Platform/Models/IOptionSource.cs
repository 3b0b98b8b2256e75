namespace Faas.Platform.Models;

/// <summary>
/// A model's options as some front end wrote them: raw text per key, and the front end's way of
/// saying where a bad one is. The YAML loader gives a source whose errors carry
/// <c>file:line:column</c>; the Docker backend one whose errors name the <c>--opt key</c> flag.
/// The catalog parses every source the same way (<see cref="OptionReader"/>), so a model's
/// options mean the same in a scenario and on the command line.
/// </summary>
public interface IOptionSource
{
    /// <summary>The keys written, in ordinal order (so checks and messages do not depend on how they were stored).</summary>
    IEnumerable<string> Keys { get; }

    /// <summary>The text written for <paramref name="key"/>, if it was written.</summary>
    bool TryGetText(string key, out string text);

    /// <summary>
    /// The exception to throw for <paramref name="problem"/> with the value of <paramref name="key"/>,
    /// located at that value when it was written, else at the options as a whole (also when
    /// <paramref name="key"/> is null). The catalog throws what it gets back.
    /// </summary>
    Exception Error(string? key, string problem);
}
