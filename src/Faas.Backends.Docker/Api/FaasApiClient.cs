using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Faas.Backends.Docker.Api;

/// <summary>
/// The client side of <see cref="FaasHttpApi"/>: talks to a running <c>faas-sim serve</c>.
/// Connection problems become one friendly <see cref="InvalidOperationException"/>; the server's
/// 4xx answers are <see cref="FaasApiException"/>s (bad input: the CLI exits 2), its 5xx answers
/// <see cref="InvalidOperationException"/>s (exit 1), each with the server's message.
/// </summary>
public sealed class FaasApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _server;

    public FaasApiClient(string server)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            throw new FaasApiException(400, $"--server: expected an http URL such as http://127.0.0.1:8080, got '{server}'");
        _server = server;
        _http = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromMinutes(10) };
    }

    /// <summary>Sends a request and returns the status and body; throws a friendly exception when the server cannot be reached.</summary>
    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var req = new HttpRequestMessage(method, path);
        if (json is not null) req.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        try
        {
            using var resp = await _http.SendAsync(req).ConfigureAwait(false);
            return ((int)resp.StatusCode, await resp.Content.ReadAsStringAsync().ConfigureAwait(false));
        }
        catch (HttpRequestException e)
        {
            string why = e.InnerException is SocketException se ? se.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound => "host not found",
                _ => se.Message,
            } : e.Message;
            throw new InvalidOperationException($"cannot reach the faas-sim server at {_server} ({why}); start it with 'faas-sim serve' or pass --server", e);
        }
        catch (TaskCanceledException e)
        {
            throw new InvalidOperationException($"the faas-sim server at {_server} did not answer in time", e);
        }
    }

    /// <summary>Sends and returns the body of a 2xx answer; a 4xx becomes a <see cref="FaasApiException"/>, a 5xx a failure.</summary>
    public async Task<string> RequestAsync(HttpMethod method, string path, string? json = null)
    {
        var (status, body) = await SendAsync(method, path, json).ConfigureAwait(false);
        if (status is >= 200 and < 300) return body;
        throw ErrorFor(status, body);
    }

    public static Exception ErrorFor(int status, string body)
    {
        string message = ErrorMessage(body) ?? $"the server answered {status}";
        return status is >= 400 and < 500 ? new FaasApiException(status, message) : new InvalidOperationException(message);
    }

    /// <summary>The <c>error</c> of a JSON error body, or null.</summary>
    public static string? ErrorMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
        }
        catch (JsonException)
        {
            return string.IsNullOrWhiteSpace(body) ? null : body.Trim();
        }
    }

    /// <summary>JSON text of an object built with a writer.</summary>
    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms)) write(w);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public void Dispose() => _http.Dispose();
}
