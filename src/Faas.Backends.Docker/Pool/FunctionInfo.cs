namespace Faas.Backends.Docker.Pool;

/// <summary>One version of a function as the driver uses it: its runtime index and the ready-made <c>/init</c> body.</summary>
public sealed record FunctionInfo(string Name, int Version, int Runtime, ReadOnlyMemory<byte> InitBody);
