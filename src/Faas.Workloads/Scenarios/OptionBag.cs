using System.Collections.Immutable;
using System.Globalization;
using Faas.Engine;

namespace Faas.Workloads.Scenarios;

/// <summary>
/// The options of a model as written in the scenario: raw text per key with its location.
/// Immutable; typed getters parse on demand and report errors at the option's location, so a
/// model catalog can validate its own options without knowing YAML.
/// </summary>
public sealed class OptionBag
{
    /// <summary>One written option value.</summary>
    public readonly record struct Entry(string Raw, SourceLocation Location);

    private readonly ImmutableSortedDictionary<string, Entry> _entries;

    public OptionBag(ImmutableSortedDictionary<string, Entry> entries, SourceLocation location)
    {
        _entries = entries;
        Location = location;
    }

    /// <summary>An empty bag (all defaults).</summary>
    public static OptionBag Empty(SourceLocation location) => new(ImmutableSortedDictionary<string, Entry>.Empty, location);

    /// <summary>Where the model entry starts.</summary>
    public SourceLocation Location { get; }

    /// <summary>The keys written, in ordinal order.</summary>
    public IEnumerable<string> Keys => _entries.Keys;

    public bool Has(string key) => _entries.ContainsKey(key);

    public bool TryGet(string key, out Entry entry) => _entries.TryGetValue(key, out entry);

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="raw"/> (used by sweeps).</summary>
    public OptionBag With(string key, string raw, SourceLocation? location = null) =>
        new(_entries.SetItem(key, new Entry(raw, location ?? Location)), Location);

    /// <summary>Fails on any key not in <paramref name="known"/>, naming it and listing the allowed keys.</summary>
    public void RejectUnknown(string what, params string[] known)
    {
        foreach (var (key, entry) in _entries)
        {
            if (Array.IndexOf(known, key) < 0)
            {
                string allowed = known.Length == 0 ? "it takes no options" : "expected one of: " + string.Join(", ", known);
                throw new ScenarioException(entry.Location, $"unknown option '{key}' for {what}; {allowed}");
            }
        }
    }

    public SimDuration Duration(string key, SimDuration fallback)
    {
        if (!_entries.TryGetValue(key, out var e)) return fallback;
        var d = Units.TryParseDuration(e.Raw, out var err);
        return d ?? throw new ScenarioException(e.Location, $"option '{key}': {err}");
    }

    public double Double(string key, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (!_entries.TryGetValue(key, out var e)) return fallback;
        if (!double.TryParse(e.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new ScenarioException(e.Location, $"option '{key}': expected a number, got '{e.Raw}'");
        if (v < min || v > max)
            throw new ScenarioException(e.Location, $"option '{key}': expected a value in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}], got {e.Raw}");
        return v;
    }

    public int Int(string key, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!_entries.TryGetValue(key, out var e)) return fallback;
        if (!int.TryParse(e.Raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
            throw new ScenarioException(e.Location, $"option '{key}': expected a whole number, got '{e.Raw}'");
        if (v < min || v > max)
            throw new ScenarioException(e.Location, $"option '{key}': expected a whole number in [{min}, {max}], got {v}");
        return v;
    }

    public long Memory(string key, long fallback)
    {
        if (!_entries.TryGetValue(key, out var e)) return fallback;
        var m = Units.TryParseMemory(e.Raw, out var err);
        return m ?? throw new ScenarioException(e.Location, $"option '{key}': {err}");
    }

    public string Choice(string key, string fallback, params string[] allowed)
    {
        if (!_entries.TryGetValue(key, out var e)) return fallback;
        if (Array.IndexOf(allowed, e.Raw) < 0)
            throw new ScenarioException(e.Location, $"option '{key}': expected one of {string.Join(", ", allowed)}, got '{e.Raw}'");
        return e.Raw;
    }

    public bool Bool(string key, bool fallback)
    {
        if (!_entries.TryGetValue(key, out var e)) return fallback;
        return e.Raw switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw new ScenarioException(e.Location, $"option '{key}': expected true or false, got '{e.Raw}'"),
        };
    }

    /// <summary>The options as <c>key=value</c> pairs in key order, for labels and manifests.</summary>
    public override string ToString() => string.Join(" ", _entries.Select(kv => $"{kv.Key}={kv.Value.Raw}"));
}
