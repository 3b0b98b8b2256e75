namespace Faas.Platform.Models;

/// <summary>What kind of value a model option takes (how its text is parsed and its default shown).</summary>
public enum OptionKind
{
    /// <summary>A duration with a unit (<c>10m</c>, <c>500ms</c>, <c>inf</c>).</summary>
    Duration,

    /// <summary>A whole number within a range.</summary>
    Int,

    /// <summary>A finite number within a range.</summary>
    Double,

    /// <summary><c>true</c> or <c>false</c> (also yes/no, on/off).</summary>
    Bool,

    /// <summary>One of a fixed list of words; the first is the default.</summary>
    Choice,
}
