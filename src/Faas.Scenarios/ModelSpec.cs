using Faas.Platform;
using Faas.Platform.Models;
using Faas.Workloads;

namespace Faas.Scenarios;

/// <summary>
/// A platform model to run: its catalog name (<c>keep-alive</c>, <c>prewarm-pool</c>...), the label
/// that names it in CSVs and file names, and its options as written (parsed by the catalog).
/// </summary>
public sealed record ModelSpec(string Model, string Label, OptionBag Options)
{
    /// <summary>The catalog entry of <see cref="Model"/>; an unknown name is a <see cref="ScenarioException"/> at the model entry.</summary>
    public ModelEntry Entry => ModelCatalog.Find(Model) ?? throw new ScenarioException(Options.Location,
        $"unknown model '{Model}'; expected one of: {ModelCatalog.Names}");

    /// <summary>Builds the policy for one run on <paramref name="spec"/>; bad options are located <see cref="ScenarioException"/>s.</summary>
    public IPoolPolicy CreatePolicy(PlatformSpec spec) => Entry.Create(Options, spec);
}
