namespace Faas.Platform;

/// <summary>A node of the cluster.</summary>
/// <param name="Name">Unique name (reported in nodes.csv).</param>
/// <param name="MemoryBytes">Memory its containers may hold; <see cref="long.MaxValue"/> for unlimited.</param>
/// <param name="Cores">Calls it runs at once (a busy container, or a container starting for a call, holds one core); 0 for no limit.</param>
public sealed record NodeSpec(string Name, long MemoryBytes, int Cores);
