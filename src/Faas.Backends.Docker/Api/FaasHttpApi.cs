using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Faas.Backends.Docker.Pool;
using Faas.Backends.Docker.Store;
using Faas.Engine;
using Faas.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Faas.Backends.Docker.Api;

/// <summary>
/// The HTTP API of real mode (ASP.NET Core minimal API on 127.0.0.1 only):
/// <code>
/// POST   /runtimes                 {"name","image","memory"}            201 runtime
/// GET    /runtimes                                                      200 [runtime]
/// POST   /functions                {"name","runtime","code","main","binary"}  201 (new) / 200 (new version)
/// GET    /functions                                                     200 [function]
/// GET    /functions/{name}                                              200 function with code
/// DELETE /functions/{name}                                              204
/// POST   /functions/{name}/invoke  JSON args                            200 {"result","start_type","timings",...}
/// GET    /pool                                                          200 per-runtime idle/starting/busy
/// GET    /metrics                                                       200 Prometheus text
/// </code>
/// Errors are <c>{"error": message, "error_kind": word}</c> with a 4xx/5xx status.
/// </summary>
public static class FaasHttpApi
{
    /// <summary>Largest request body (a base64 zip of <see cref="DockerPlatform.MaxCodeBytes"/> fits).</summary>
    public const long MaxBodyBytes = 48L << 20;

    /// <summary>A web application serving <paramref name="platform"/> on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    public static WebApplication Build(DockerPlatform platform, int port, LogLevel logLevel = LogLevel.Warning)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "faas-sim", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(logLevel);
        var app = builder.Build();
        Map(app, platform);
        return app;
    }

    public static void Map(IEndpointRouteBuilder app, DockerPlatform p)
    {
        app.MapPost("/runtimes", async (HttpRequest req) => await Guard(async () =>
        {
            using var doc = await ReadObjectAsync(req);
            var o = doc.RootElement;
            long? memory = o.TryGetProperty("memory", out var m) ? ParseMemory(m) : null;
            var r = await p.CreateRuntimeAsync(Str(o, "name"), Str(o, "image"), memory, req.HttpContext.RequestAborted);
            return Json(201, w => WriteRuntime(w, r));
        }));
        app.MapGet("/runtimes", () => Guard(() => Task.FromResult(Json(200, w =>
        {
            w.WriteStartArray();
            foreach (var r in p.ListRuntimes()) WriteRuntime(w, r);
            w.WriteEndArray();
        }))));
        app.MapPost("/functions", async (HttpRequest req) => await Guard(async () =>
        {
            using var doc = await ReadObjectAsync(req);
            var o = doc.RootElement;
            bool binary = o.TryGetProperty("binary", out var b) && b.ValueKind == JsonValueKind.True;
            var f = p.CreateFunction(Str(o, "name"), Str(o, "runtime"), Str(o, "code"), Str(o, "main"), binary);
            return Json(f.Version == 1 ? 201 : 200, w => WriteFunction(w, f, f.Code.Length, withCode: false));
        }));
        app.MapGet("/functions", () => Guard(() =>
        {
            var sizes = p.Store.CodeSizes();
            return Task.FromResult(Json(200, w =>
            {
                w.WriteStartArray();
                foreach (var f in p.ListFunctions()) WriteFunction(w, f, sizes.GetValueOrDefault(f.Name), withCode: false);
                w.WriteEndArray();
            }));
        }));
        app.MapGet("/functions/{name}", (string name) => Guard(() =>
        {
            var f = p.GetFunction(name) ?? throw new PlatformException(404, ErrorKinds.NotFound, $"function '{name}' does not exist");
            return Task.FromResult(Json(200, w => WriteFunction(w, f, f.Code.Length, withCode: true)));
        }));
        app.MapDelete("/functions/{name}", (string name) => Guard(() =>
            Task.FromResult(p.DeleteFunction(name)
                ? HttpResults.StatusCode(204)
                : throw new PlatformException(404, ErrorKinds.NotFound, $"function '{name}' does not exist"))));
        app.MapPost("/functions/{name}/invoke", async (string name, HttpRequest req) =>
        {
            string args;
            using (var reader = new StreamReader(req.Body, Encoding.UTF8)) args = await reader.ReadToEndAsync(req.HttpContext.RequestAborted);
            var r = await p.InvokeAsync(name, args);
            return Json(r.HttpStatus, w => WriteInvocation(w, name, r));
        });
        app.MapGet("/pool", async () => await Guard(async () =>
        {
            var s = await p.SnapshotAsync();
            return Json(200, w => WritePool(w, s));
        }));
        app.MapGet("/metrics", async () =>
        {
            var s = await p.SnapshotAsync();
            return HttpResults.Text(PrometheusText.Format(s), "text/plain; version=0.0.4; charset=utf-8", Encoding.UTF8);
        });
    }

    private static async Task<IResult> Guard(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (PlatformException e)
        {
            return Error(e.Status, e.Kind, e.Message);
        }
        catch (JsonException e)
        {
            return Error(400, ErrorKinds.BadRequest, $"the request body is not valid JSON: {e.Message}");
        }
        catch (BadHttpRequestException e)
        {
            return Error(e.StatusCode, ErrorKinds.BadRequest, e.Message);
        }
        catch (Exception e) when (e is Engine.DockerUnavailableException or TimeoutException or Engine.ContainerStartException)
        {
            return Error(503, "unavailable", e.Message);
        }
    }

    private static async Task<JsonDocument> ReadObjectAsync(HttpRequest req)
    {
        var doc = await JsonDocument.ParseAsync(req.Body, default, req.HttpContext.RequestAborted);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw new PlatformException(400, ErrorKinds.BadRequest, "the request body must be a JSON object");
        }
        return doc;
    }

    private static string? Str(JsonElement o, string name) =>
        !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw new PlatformException(400, ErrorKinds.BadRequest, $"'{name}' must be a string");

    private static long ParseMemory(JsonElement m)
    {
        if (m.ValueKind == JsonValueKind.Number && m.TryGetInt64(out long bytes) && bytes > 0) return bytes;
        if (m.ValueKind == JsonValueKind.String)
        {
            var parsed = Units.TryParseMemory(m.GetString()!, out var error);
            return parsed ?? throw new PlatformException(400, ErrorKinds.BadRequest, $"'memory': {error}");
        }
        throw new PlatformException(400, ErrorKinds.BadRequest, "'memory' must be a number of bytes or a size such as \"128MiB\"");
    }

    private static IResult Error(int status, string kind, string message) => Json(status, w =>
    {
        w.WriteStartObject();
        w.WriteString("error", message);
        w.WriteString("error_kind", kind);
        w.WriteEndObject();
    });

    private static IResult Json(int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false })) write(w);
        return HttpResults.Text(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), "application/json", Encoding.UTF8, status);
    }

    private static void WriteRuntime(Utf8JsonWriter w, RuntimeRecord r)
    {
        w.WriteStartObject();
        w.WriteString("name", r.Name);
        w.WriteString("image", r.Image);
        w.WriteString("image_id", r.ImageId);
        w.WriteString("memory", Units.FormatMemory(r.MemoryBytes));
        w.WriteNumber("memory_bytes", r.MemoryBytes);
        w.WriteString("created", r.Created.ToString("O", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    private static void WriteFunction(Utf8JsonWriter w, FunctionRecord f, long codeBytes, bool withCode)
    {
        w.WriteStartObject();
        w.WriteString("name", f.Name);
        w.WriteString("runtime", f.Runtime);
        w.WriteString("main", f.Main);
        w.WriteNumber("version", f.Version);
        w.WriteBoolean("binary", f.Binary);
        w.WriteNumber("code_bytes", codeBytes);
        if (withCode) w.WriteString("code", f.Binary ? Convert.ToBase64String(f.Code) : Encoding.UTF8.GetString(f.Code));
        w.WriteString("created", f.Created.ToString("O", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    /// <summary>The invoke response: the function's result (or error), start type, measured timings and the container.</summary>
    public static void WriteInvocation(Utf8JsonWriter w, string function, InvocationResult r)
    {
        w.WriteStartObject();
        if (r.Ok)
        {
            w.WritePropertyName("result");
            w.WriteRawValue(r.ResultJson!, skipInputValidation: false);
        }
        else
        {
            w.WriteString("error", r.Error);
            w.WriteString("error_kind", r.ErrorKind);
        }
        w.WriteString("function", function);
        if (r.StartType is { } t) w.WriteString("start_type", StartTypes.Of(t));
        else w.WriteNull("start_type");
        w.WriteStartObject("timings");
        w.WriteNumber("queue_ms", Math.Round(r.Timings.QueueMs, 3));
        w.WriteNumber("startup_ms", Math.Round(r.Timings.StartupMs, 3));
        w.WriteNumber("init_ms", Math.Round(r.Timings.InitMs, 3));
        w.WriteNumber("exec_ms", Math.Round(r.Timings.ExecMs, 3));
        w.WriteNumber("total_ms", Math.Round(r.Timings.TotalMs, 3));
        w.WriteEndObject();
        if (r.ContainerId is { } id) w.WriteString("container", id.Length > 12 ? id[..12] : id);
        w.WriteEndObject();
    }

    private static void WritePool(Utf8JsonWriter w, PoolSnapshot s)
    {
        w.WriteStartObject();
        w.WriteString("policy", s.Policy);
        w.WriteNumber("queued", s.Queued);
        w.WriteNumber("calls_in_flight", s.CallsInFlight);
        w.WriteNumber("containers_created", s.ContainersCreated);
        w.WriteNumber("container_start_failures", s.ContainerStartFailures);
        w.WriteStartArray("runtimes");
        foreach (var r in s.Runtimes)
        {
            w.WriteStartObject();
            w.WriteString("runtime", r.Runtime);
            w.WriteNumber("idle", r.Idle);
            w.WriteNumber("starting", r.Starting);
            w.WriteNumber("busy", r.Busy);
            w.WriteNumber("target", r.Target);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
