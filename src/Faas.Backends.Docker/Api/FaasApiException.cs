namespace Faas.Backends.Docker.Api;

/// <summary>A 4xx answer of the faas-sim server to a <see cref="FaasApiClient"/> request: the request was bad (the CLI exits 2); the message is the server's.</summary>
public sealed class FaasApiException(int status, string message) : Exception(message)
{
    /// <summary>The HTTP status the server answered (400–499), or 400 for a request the client refused to send.</summary>
    public int Status { get; } = status;
}
