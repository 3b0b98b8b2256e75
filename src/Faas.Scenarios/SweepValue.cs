using Faas.Workloads;

namespace Faas.Scenarios;

/// <summary>One value of a <see cref="SweepAxis"/>, as written (e.g. <c>15m</c>, <c>40</c>, <c>8GiB</c>), and where.</summary>
public sealed record SweepValue(string Raw, SourceLocation Location);
