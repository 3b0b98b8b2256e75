namespace Faas.Workloads.Scenarios;

/// <summary>
/// A platform model to run: its catalog name (<c>keep-alive</c>, <c>prewarm-pool</c>...), the label
/// that names it in CSVs and file names, and its options as written (parsed by the catalog).
/// </summary>
public sealed record ModelSpec(string Model, string Label, OptionBag Options);
