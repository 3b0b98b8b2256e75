using Faas.Workloads;

namespace Faas.Scenarios;

/// <summary>
/// A value that replaces (or adds) the scalar at a dotted <paramref name="Path"/> of a scenario
/// before it is validated: one coordinate of a sweep point.
/// </summary>
/// <param name="Location">The sweep value it comes from, named in messages.</param>
public sealed record ScenarioOverride(string Path, string Raw, SourceLocation Location);
