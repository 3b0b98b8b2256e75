namespace Faas.Backends.Docker.Engine;

/// <summary>The Docker engine does not answer; the message says where it was looked for and how to start it.</summary>
public sealed class DockerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
