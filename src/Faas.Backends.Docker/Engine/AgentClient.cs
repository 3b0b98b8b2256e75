using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Faas.Backends.Docker.Engine;

/// <summary>
/// HTTP/1.1 to one container's agent over its Unix socket (<c>&lt;dir&gt;/agent.sock</c>). The
/// connection opened by the readiness probe stays in the pool, so <c>/init</c> and <c>/run</c> pay
/// no connect. No timeout of its own: callers pass a cancellation token with theirs.
/// </summary>
public sealed class AgentClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;

    public AgentClient(string socketPath)
    {
        SocketPath = socketPath;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancel) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancel).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            // keep the connection for the container's whole life (keep-alive ttl can be long)
            PooledConnectionIdleTimeout = TimeSpan.FromHours(24),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://agent/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public string SocketPath { get; }

    /// <summary>True when GET <c>/health</c> answers 200.</summary>
    public async Task<bool> HealthAsync(CancellationToken cancel)
    {
        using var response = await _http.GetAsync("health", cancel).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    /// <summary>POSTs a JSON body and returns the status and the body text.</summary>
    public async Task<AgentReply> PostAsync(string path, ReadOnlyMemory<byte> body, CancellationToken cancel)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancel).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        return new AgentReply((int)response.StatusCode, text);
    }

    public void Dispose() => _http.Dispose();
}
