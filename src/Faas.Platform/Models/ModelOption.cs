using System.Globalization;
using Faas.Engine;

namespace Faas.Platform.Models;

/// <summary>
/// One option of a model, declared once: its key, kind, default, allowed range or words, and a
/// line of help. The model's <see cref="OptionTable"/> generates from these the help text, the
/// unknown-key check and the parsing, so the three cannot disagree.
/// </summary>
public sealed record ModelOption
{
    private ModelOption(string key, OptionKind kind, string help)
    {
        Key = key;
        Kind = kind;
        Help = help;
    }

    public string Key { get; }
    public OptionKind Kind { get; }

    /// <summary>What the option does, in one line.</summary>
    public string Help { get; }

    public SimDuration DefaultDuration { get; private init; }

    /// <summary>A duration must be greater than zero (and finite unless <see cref="AllowInfinite"/>).</summary>
    public bool Positive { get; private init; }

    public bool AllowInfinite { get; private init; }
    public int DefaultInt { get; private init; }
    public int MinInt { get; private init; } = int.MinValue;
    public int MaxInt { get; private init; } = int.MaxValue;
    public double DefaultDouble { get; private init; }
    public double MinDouble { get; private init; } = double.NegativeInfinity;
    public double MaxDouble { get; private init; } = double.PositiveInfinity;
    public bool DefaultBool { get; private init; }

    /// <summary>The words of a <see cref="OptionKind.Choice"/>, the default first.</summary>
    public IReadOnlyList<string> Choices { get; private init; } = [];

    private string? _defaultText;

    /// <summary>The default as the help shows it (<c>10m</c>, <c>2</c>, <c>unlimited</c>).</summary>
    public string DefaultText => _defaultText ?? Kind switch
    {
        OptionKind.Duration => DefaultDuration.ToString(),
        OptionKind.Int => DefaultInt.ToString(CultureInfo.InvariantCulture),
        OptionKind.Double => DefaultDouble.ToString(CultureInfo.InvariantCulture),
        OptionKind.Bool => DefaultBool ? "true" : "false",
        _ => Choices[0],
    };

    /// <summary>How <c>faas-sim models</c> lists it: <c>key (default)</c>, or <c>key (a | b)</c> for a choice.</summary>
    public string HelpEntry => Kind == OptionKind.Choice ? $"{Key} ({string.Join(" | ", Choices)})" : $"{Key} ({DefaultText})";

    /// <summary>A duration; with <paramref name="positive"/> it must be greater than zero and, unless <paramref name="allowInfinite"/>, finite.</summary>
    public static ModelOption Duration(string key, SimDuration fallback, string help, bool positive = false, bool allowInfinite = false) =>
        new(key, OptionKind.Duration, help) { DefaultDuration = fallback, Positive = positive, AllowInfinite = allowInfinite };

    /// <param name="defaultText">How the help shows the default when its number says little (e.g. <c>unlimited</c> for <see cref="int.MaxValue"/>).</param>
    public static ModelOption Int(string key, int fallback, int min, int max, string help, string? defaultText = null) =>
        new(key, OptionKind.Int, help) { DefaultInt = fallback, MinInt = min, MaxInt = max, _defaultText = defaultText };

    public static ModelOption Double(string key, double fallback, double min, double max, string help) =>
        new(key, OptionKind.Double, help) { DefaultDouble = fallback, MinDouble = min, MaxDouble = max };

    public static ModelOption Bool(string key, bool fallback, string help) =>
        new(key, OptionKind.Bool, help) { DefaultBool = fallback };

    /// <param name="choices">The allowed words; the first is the default.</param>
    public static ModelOption Choice(string key, string help, params string[] choices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(choices.Length, 2);
        return new(key, OptionKind.Choice, help) { Choices = choices };
    }

    /// <summary>Parses this option from <paramref name="source"/> (the default when absent); throws the source's located error.</summary>
    internal object Read(IOptionSource source) => Kind switch
    {
        OptionKind.Duration => Positive ? source.PositiveDuration(Key, DefaultDuration, AllowInfinite) : source.Duration(Key, DefaultDuration),
        OptionKind.Int => source.Int(Key, DefaultInt, MinInt, MaxInt),
        OptionKind.Double => source.Double(Key, DefaultDouble, MinDouble, MaxDouble),
        OptionKind.Bool => source.Bool(Key, DefaultBool),
        _ => source.Choice(Key, Choices[0], [.. Choices]),
    };
}
