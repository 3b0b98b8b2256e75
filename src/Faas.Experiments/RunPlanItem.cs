using Faas.Scenarios;

namespace Faas.Experiments;

/// <summary>One run of an experiment: a model (with its options) and a replication index, at sweep point <paramref name="Point"/> (0 without a sweep). Its position in the plan fixes its place in every output file.</summary>
public sealed record RunPlanItem(int Index, ModelSpec Model, int Replication, int Point = 0);
