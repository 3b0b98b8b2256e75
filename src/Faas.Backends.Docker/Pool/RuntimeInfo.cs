namespace Faas.Backends.Docker.Pool;

/// <summary>A runtime as the driver uses it: the image to start and its containers' memory.</summary>
public sealed record RuntimeInfo(string Name, string Image, long MemoryBytes);
