namespace Faas.Backends.Docker.Store;

/// <summary>A registered runtime: a local image whose agent answered, and the memory of its containers.</summary>
public sealed record RuntimeRecord(string Name, string Image, string ImageId, long MemoryBytes, DateTimeOffset Created);
