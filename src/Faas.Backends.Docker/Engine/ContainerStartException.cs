namespace Faas.Backends.Docker.Engine;

/// <summary>A container could not be created, started or made ready; the message says which step and why.</summary>
public sealed class ContainerStartException(string message, Exception? inner = null) : Exception(message, inner);
