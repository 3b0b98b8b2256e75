namespace Faas.Platform.Models;

/// <summary>
/// The options of one model, in the order they are documented. From this one table come the help
/// line (<see cref="Help"/>), the unknown-key check and the parsing (<see cref="Bind"/>).
/// </summary>
public sealed class OptionTable
{
    private readonly ModelOption[] _options;

    public OptionTable(params ModelOption[] options)
    {
        if (options.Select(o => o.Key).Distinct(StringComparer.Ordinal).Count() != options.Length)
            throw new ArgumentException("an option table lists a key twice", nameof(options));
        _options = options;
    }

    /// <summary>The options in documentation order.</summary>
    public IReadOnlyList<ModelOption> Options => _options;

    /// <summary>The option named <paramref name="key"/>, or null.</summary>
    public ModelOption? Find(string key) => Array.Find(_options, o => o.Key == key);

    /// <summary>One line for <c>faas-sim models</c>: <c>ttl (10m), ttl_from (end | start)</c>, or <c>(none)</c>.</summary>
    public string Help => _options.Length == 0 ? "(none)" : string.Join(", ", _options.Select(o => o.HelpEntry));

    /// <summary>
    /// Checks <paramref name="source"/> against the table (no unknown key, every written value of its
    /// kind and range, in table order) and returns the values with defaults filled in. Errors are the
    /// source's, so they are located wherever the options came from.
    /// </summary>
    /// <param name="what">What the options belong to in messages, e.g. <c>model keep-alive</c>.</param>
    public ModelOptions Bind(IOptionSource source, string what)
    {
        source.RejectUnknown(what, [.. _options.Select(o => o.Key)]);
        var values = new object[_options.Length];
        for (int i = 0; i < _options.Length; i++) values[i] = _options[i].Read(source);
        return new ModelOptions(this, source, values);
    }

    internal int IndexOf(string key)
    {
        int i = Array.FindIndex(_options, o => o.Key == key);
        return i >= 0 ? i : throw new ArgumentException($"no option '{key}' in this table", nameof(key));
    }
}
