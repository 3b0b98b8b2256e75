namespace Faas.Backends.Docker;

/// <summary>A request the platform refuses or cannot serve: the HTTP status, a stable <see cref="Kind"/> word and a message for people.</summary>
public sealed class PlatformException(int status, string kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public int Status { get; } = status;
    public string Kind { get; } = kind;
}
