using Faas.Engine;

namespace Faas.Platform;

/// <summary>
/// One action of a policy, a small struct (no allocation). Fields that do not apply to the
/// <see cref="Kind"/> are −1 / default. For StartContainer, <see cref="Function"/> is the function
/// the container is started for (−1 for a generic pool container) and <see cref="Call"/> the call
/// waiting for it (−1 for none).
/// </summary>
public readonly record struct PolicyAction(
    ActionKind Kind,
    int Container,
    int Call,
    int Runtime,
    int Function,
    long MemoryBytes,
    StartType StartType,
    SimTime At,
    long Token);
