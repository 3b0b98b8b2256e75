using Faas.Engine;

namespace Faas.Platform.Models;

/// <summary>
/// One platform model of the catalog: its scenario name, a one-line description, its declared
/// capabilities, its option table, and how it builds a fresh policy for one run from bound options.
/// </summary>
public sealed class ModelEntry
{
    private readonly Func<ModelOptions, PlatformSpec, IPoolPolicy> _create;
    private readonly Func<ModelOptions, SimDuration>? _horizon;

    /// <param name="horizon">For a <see cref="ModelCapabilities.NeedsFuture"/> model: how far ahead it reads, from its options.</param>
    public ModelEntry(string name, string description, ModelCapabilities capabilities, OptionTable options,
        Func<ModelOptions, PlatformSpec, IPoolPolicy> create, Func<ModelOptions, SimDuration>? horizon = null)
    {
        if (capabilities.HasFlag(ModelCapabilities.NeedsFuture) != (horizon is not null))
            throw new ArgumentException("a model that needs the future must say how far ahead it reads (and only such a model)", nameof(horizon));
        Name = name;
        Description = description;
        Capabilities = capabilities;
        Options = options;
        _create = create;
        _horizon = horizon;
    }

    public string Name { get; }
    public string Description { get; }
    public ModelCapabilities Capabilities { get; }
    public OptionTable Options { get; }

    /// <summary>The option line of <c>faas-sim models</c>, generated from <see cref="Options"/>.</summary>
    public string OptionsHelp => Options.Help;

    public bool Has(ModelCapabilities capability) => (Capabilities & capability) == capability;

    /// <summary>Checks <paramref name="source"/> against the option table (errors are the source's).</summary>
    public ModelOptions Bind(IOptionSource source) => Options.Bind(source, "model " + Name);

    /// <summary>Builds the policy for one run; throws the source's located error on a bad option.</summary>
    public IPoolPolicy Create(IOptionSource source, PlatformSpec spec) => _create(Bind(source), spec);

    /// <summary>How far ahead a <see cref="ModelCapabilities.NeedsFuture"/> model reads the calls to come.</summary>
    public SimDuration FutureHorizon(IOptionSource source) =>
        _horizon is { } h ? h(Bind(source)) : throw new InvalidOperationException($"model '{Name}' does not read the future");
}
