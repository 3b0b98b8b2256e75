namespace Faas.Fidelity;

/// <summary>One run (a simulated replication or a real replay of it) as pooled: its calls and its per-run totals.</summary>
public sealed record PooledRun(IReadOnlyList<CallOutcome> Calls, double IdleMemGbS, double ContainersCreated);
