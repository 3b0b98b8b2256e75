namespace Faas.Backends.Sim;

/// <summary>A simulator event: 16 bytes, no references.</summary>
/// <param name="A">Arrival: stream index (and B the function called); ContainerReady: container; CallCompleted: call.</param>
/// <param name="B">ContainerReady: container generation; CallCompleted: container; Timer: token.</param>
internal readonly record struct SimEvent(SimEventKind Kind, int A, long B);
