namespace Faas.Backends.Sim;

/// <summary>Kinds of simulator events; the value is also the priority class among events at the same instant.</summary>
internal enum SimEventKind : byte
{
    /// <summary>A call finished (first: it frees capacity for everything else at that instant).</summary>
    CallCompleted = 0,
    ContainerReady = 1,
    Timer = 2,
    Arrival = 3,
    Sample = 4,
    /// <summary>Container starts that got a slot at this instant begin together (last: after every start issued at the instant).</summary>
    StartBatch = 5,
}
