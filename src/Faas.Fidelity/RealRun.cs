using Faas.Platform.Results;
using Faas.Scenarios;

namespace Faas.Fidelity;

/// <summary>The outcome of replaying one model.</summary>
public sealed record RealRun(ModelSpec Model, RunSummary Summary, IReadOnlyList<RealCall> Calls, double LagP50Ms, double LagP99Ms, double LagMaxMs, bool Trusted);
