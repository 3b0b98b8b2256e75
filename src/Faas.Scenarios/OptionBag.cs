using System.Collections.Immutable;
using Faas.Platform.Models;
using Faas.Workloads;

namespace Faas.Scenarios;

/// <summary>
/// The options of a model (or a distribution, arrival process, trace workload) as written in the
/// scenario: raw text per key with its location. Immutable. It is the YAML side's
/// <see cref="IOptionSource"/>: the typed getters (<see cref="OptionReader"/>) parse on demand and
/// their errors are <see cref="ScenarioException"/>s at the option's <c>file:line:column</c>, so a
/// model catalog can validate its own options without knowing YAML.
/// </summary>
public sealed class OptionBag : IOptionSource
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

    public bool TryGet(string key, out Entry entry) => _entries.TryGetValue(key, out entry);

    public bool TryGetText(string key, out string text)
    {
        bool found = _entries.TryGetValue(key, out var e);
        text = e.Raw ?? "";
        return found;
    }

    /// <summary>A <see cref="ScenarioException"/> at the value of <paramref name="key"/> (at the entry when it is not written).</summary>
    public Exception Error(string? key, string problem) =>
        new ScenarioException(key is not null && _entries.TryGetValue(key, out var e) ? e.Location : Location, problem);

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="raw"/> (used by sweeps).</summary>
    public OptionBag With(string key, string raw, SourceLocation? location = null) =>
        new(_entries.SetItem(key, new Entry(raw, location ?? Location)), Location);

    /// <summary>The options as <c>key → text</c>, in key order (what the Docker backend takes).</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => _entries.ToDictionary(kv => kv.Key, kv => kv.Value.Raw, StringComparer.Ordinal);

    /// <summary>The options as <c>key=value</c> pairs in key order, for labels and manifests.</summary>
    public override string ToString() => string.Join(" ", _entries.Select(kv => $"{kv.Key}={kv.Value.Raw}"));
}
