using Faas.Engine;

namespace Faas.Platform.Models;

/// <summary>
/// A model's options after <see cref="OptionTable.Bind"/>: every declared option parsed and checked,
/// with its default when it was not written. A model's factory reads them by key and reports
/// checks that involve several options with <see cref="Error"/>, located like the rest.
/// </summary>
public sealed class ModelOptions
{
    private readonly OptionTable _table;
    private readonly IOptionSource _source;
    private readonly object[] _values;

    internal ModelOptions(OptionTable table, IOptionSource source, object[] values)
    {
        _table = table;
        _source = source;
        _values = values;
    }

    /// <summary>True when <paramref name="key"/> was written (not defaulted).</summary>
    public bool Has(string key) => _source.Has(key);

    public SimDuration Duration(string key) => (SimDuration)_values[_table.IndexOf(key)];
    public int Int(string key) => (int)_values[_table.IndexOf(key)];
    public double Double(string key) => (double)_values[_table.IndexOf(key)];
    public bool Bool(string key) => (bool)_values[_table.IndexOf(key)];
    public string Choice(string key) => (string)_values[_table.IndexOf(key)];

    /// <summary>The error for a problem with <paramref name="key"/>'s value, located at it when written.</summary>
    public Exception Error(string key, string problem) => _source.Error(key, problem);
}
