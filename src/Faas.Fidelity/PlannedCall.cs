namespace Faas.Fidelity;

/// <summary>One planned call of a replay: when (µs from the start), which function, and its drawn execution time.</summary>
public readonly record struct PlannedCall(long ArrivalMicros, int Function, long ExecMicros);
