using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Faas.Backends.Docker.Api;

namespace Faas.Backends.Docker.IntegrationTests;

[Collection(DockerCollection.Name)]
public sealed class HttpApiTests(DockerFixture docker)
{
    [Fact]
    public async Task Runtime_function_invoke_pool_and_metrics_over_http()
    {
        await using var h = new PlatformHarness();
        var p = await h.StartAsync(docker.Engine, "prewarm-pool");
        await using var app = FaasHttpApi.Build(p, 0);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        Assert.StartsWith("http://127.0.0.1:", app.Urls.First());

        var rt = await http.PostAsJsonAsync("/runtimes", new { name = "python", image = PlatformHarness.PythonImage, memory = "128MiB" });
        Assert.Equal(HttpStatusCode.Created, rt.StatusCode);
        var fn = await http.PostAsJsonAsync("/functions", new { name = "add", runtime = "python", code = "def main(a):\n    return {'sum': a['x'] + a['y']}\n", main = "main" });
        Assert.Equal(HttpStatusCode.Created, fn.StatusCode);
        var fn2 = await http.PostAsJsonAsync("/functions", new { name = "add", runtime = "python", code = "def main(a):\n    return {'sum': a['x'] + a['y'], 'v': 2}\n" });
        Assert.Equal(HttpStatusCode.OK, fn2.StatusCode);
        Assert.Equal(2, (await fn2.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var inv = await http.PostAsync("/functions/add/invoke", new StringContent("""{"x": 2, "y": 40}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, inv.StatusCode);
        var body = await inv.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(42, body.GetProperty("result").GetProperty("sum").GetInt32());
        Assert.Equal("cold", body.GetProperty("start_type").GetString());
        var t = body.GetProperty("timings");
        foreach (var k in new[] { "queue_ms", "startup_ms", "init_ms", "exec_ms", "total_ms" }) Assert.True(t.GetProperty(k).GetDouble() >= 0, k);
        Assert.True(t.GetProperty("total_ms").GetDouble() >= t.GetProperty("exec_ms").GetDouble());

        var err = await http.PostAsync("/functions/add/invoke", new StringContent("""{"x": 2}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadGateway, err.StatusCode);
        var eb = await err.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("function_error", eb.GetProperty("error_kind").GetString());
        Assert.Contains("KeyError", eb.GetProperty("error").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/functions/none/invoke", new StringContent("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/functions", new StringContent("{bad", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsJsonAsync("/runtimes", new { name = "python", image = PlatformHarness.PythonImage })).StatusCode);

        var list = await http.GetFromJsonAsync<JsonElement>("/functions");
        Assert.Equal("add", list[0].GetProperty("name").GetString());
        var one = await http.GetFromJsonAsync<JsonElement>("/functions/add");
        Assert.Contains("'v': 2", one.GetProperty("code").GetString());
        var runtimes = await http.GetFromJsonAsync<JsonElement>("/runtimes");
        Assert.Equal(128L << 20, runtimes[0].GetProperty("memory_bytes").GetInt64());

        var pool = await http.GetFromJsonAsync<JsonElement>("/pool");
        Assert.Equal("prewarm-pool", pool.GetProperty("policy").GetString());
        Assert.Equal("python", pool.GetProperty("runtimes")[0].GetProperty("runtime").GetString());

        string metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("faas_invocations_total{policy=\"prewarm-pool\",start_type=\"cold\",status=\"completed\"} 1", metrics);
        Assert.Contains("faas_invocation_duration_seconds_bucket{policy=\"prewarm-pool\",start_type=\"cold\",le=\"+Inf\"} 1", metrics);
        Assert.Contains("faas_pool_containers{runtime=\"python\",state=\"idle\"}", metrics);

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/functions/add")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync("/functions/add")).StatusCode);
        await app.StopAsync();
    }
}
