using System.Text.RegularExpressions;

namespace Faas.Backends.Docker.Store;

/// <summary>
/// What names may look like. Names go into SQL only as parameters, into Docker labels and URLs, so
/// they are kept to a safe alphabet; the check gives a message a person can act on.
/// </summary>
public static partial class NameRules
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9._/-]{0,200}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$|^sha256:[a-f0-9]{64}$")]
    private static partial Regex ImagePattern();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]{0,127}$")]
    private static partial Regex EntryPattern();

    /// <summary>Null when <paramref name="name"/> is a valid runtime or function name, else why not.</summary>
    public static string? CheckName(string what, string? name) =>
        string.IsNullOrEmpty(name) ? $"{what} name is missing"
        : NamePattern().IsMatch(name) ? null
        : $"{what} name '{Shorten(name)}' is not valid: use 1-63 letters, digits, '_', '.' or '-', starting with a letter or digit";

    /// <summary>Null when <paramref name="image"/> looks like a Docker image reference, else why not.</summary>
    public static string? CheckImage(string? image) =>
        string.IsNullOrEmpty(image) ? "image is missing"
        : ImagePattern().IsMatch(image) ? null
        : $"image '{Shorten(image)}' is not a valid image reference (e.g. faas-runtime-python or faas-runtime-python:latest)";

    /// <summary>Null when <paramref name="main"/> is a valid entry point name, else why not.</summary>
    public static string? CheckEntryPoint(string? main) =>
        string.IsNullOrEmpty(main) ? "entry point is missing"
        : EntryPattern().IsMatch(main) ? null
        : $"entry point '{Shorten(main)}' is not a valid function name";

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "...";
}
