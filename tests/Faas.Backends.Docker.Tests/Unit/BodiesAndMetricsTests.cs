using System.Text;
using System.Text.Json;
using Faas.Backends.Docker.Api;
using Faas.Backends.Docker.Pool;
using Faas.Backends.Docker.Store;

namespace Faas.Backends.Docker.Tests.Unit;

public sealed class BodiesAndMetricsTests
{
    [Fact]
    public void The_init_body_carries_text_code_as_is_and_zips_as_base64()
    {
        var text = DockerPlatform.InitBody(new FunctionRecord("f", "python", "def main(a):\n  return {}"u8.ToArray(), false, "main", 1, default));
        using var t = JsonDocument.Parse(text);
        Assert.Equal("def main(a):\n  return {}", t.RootElement.GetProperty("value").GetProperty("code").GetString());
        Assert.False(t.RootElement.GetProperty("value").GetProperty("binary").GetBoolean());
        var zip = DockerPlatform.InitBody(new FunctionRecord("f", "python", [(byte)'P', (byte)'K', 3, 4], true, "handler", 2, default));
        using var z = JsonDocument.Parse(zip);
        Assert.Equal("UEsDBA==", z.RootElement.GetProperty("value").GetProperty("code").GetString());
        Assert.Equal("handler", z.RootElement.GetProperty("value").GetProperty("main").GetString());
    }

    [Theory]
    [InlineData(null, """{"value":{}}""")]
    [InlineData("", """{"value":{}}""")]
    [InlineData("""{"a": [1, 2]}""", """{"value":{"a":[1,2]}}""")]
    [InlineData("42", """{"value":42}""")]
    public void The_run_body_wraps_the_arguments(string? args, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(DockerPlatform.RunBody(args)));

    [Fact]
    public void Arguments_that_are_not_json_are_refused() =>
        Assert.ThrowsAny<JsonException>(() => DockerPlatform.RunBody("{\"a\": }"));

    [Fact]
    public void Prometheus_text_has_counters_histograms_and_pool_gauges()
    {
        var h = new SecondsHistogram();
        h.Add(0.003);
        h.Add(0.8);
        var s = new PoolSnapshot("prewarm-pool", [new RuntimePoolStatus("python", 2, 1, 0, 3)], 0, 0, 5, 0, 0,
            new Dictionary<(string, string), long> { [("prewarm", "completed")] = 2 },
            new Dictionary<string, HistogramSnapshot> { ["prewarm"] = h.Snapshot() },
            new Dictionary<string, HistogramSnapshot> { ["prewarm"] = h.Snapshot() });
        string text = PrometheusText.Format(s);
        Assert.Contains("faas_invocations_total{policy=\"prewarm-pool\",start_type=\"prewarm\",status=\"completed\"} 2\n", text);
        Assert.Contains("faas_invocation_duration_seconds_bucket{policy=\"prewarm-pool\",start_type=\"prewarm\",le=\"0.005\"} 1\n", text);
        Assert.Contains("faas_invocation_duration_seconds_bucket{policy=\"prewarm-pool\",start_type=\"prewarm\",le=\"1\"} 2\n", text);
        Assert.Contains("faas_invocation_duration_seconds_count{policy=\"prewarm-pool\",start_type=\"prewarm\"} 2\n", text);
        Assert.Contains("faas_pool_containers{runtime=\"python\",state=\"starting\"} 1\n", text);
        Assert.Contains("faas_pool_target{runtime=\"python\"} 3\n", text);
    }

    [Fact]
    public void An_agent_error_body_gives_its_message()
    {
        Assert.Equal("boom", PoolDriver.AgentError("""{"error":"boom"}""", "x"));
        Assert.Equal("plain", PoolDriver.AgentError("plain", "x"));
        Assert.Equal("x", PoolDriver.AgentError("", "x"));
    }
}
