namespace Faas.Backends.Docker.Pool;

/// <summary>One runtime's containers at one instant; <see cref="Target"/> is the policy's pool target (−1: it keeps no pool).</summary>
public sealed record RuntimePoolStatus(string Runtime, int Idle, int Starting, int Busy, int Target);
