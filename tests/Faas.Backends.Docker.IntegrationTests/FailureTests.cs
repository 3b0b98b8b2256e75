using Faas.Backends.Docker.Pool;
using Faas.Platform;

namespace Faas.Backends.Docker.IntegrationTests;

/// <summary>A failing function fails only its own call; the pool recovers and serves the next one.</summary>
[Collection(DockerCollection.Name)]
public sealed class FailureTests(DockerFixture docker)
{
    private const string Ok = "def main(a):\n    return {'ok': True}\n";

    private static async Task<DockerPlatform> PlatformAsync(PlatformHarness h, DockerFixture docker, string policy, TimeSpan? timeout = null)
    {
        var p = await h.StartAsync(docker.Engine, policy, callTimeout: timeout);
        await p.CreateRuntimeAsync("python", PlatformHarness.PythonImage, 128L << 20);
        p.CreateFunction("ok", "python", Ok, "main", false);
        return p;
    }

    [Fact]
    public async Task A_function_that_throws_gives_a_502_and_its_warm_container_is_reused()
    {
        await using var h = new PlatformHarness();
        var p = await PlatformAsync(h, docker, "keep-alive");
        p.CreateFunction("boom", "python", "def main(a):\n    raise ValueError('bad input ' + str(a.get('x')))\n", "main", false);
        var r = await p.InvokeAsync("boom", """{"x": 7}""");
        Assert.False(r.Ok);
        Assert.Equal(502, r.HttpStatus);
        Assert.Equal(ErrorKinds.FunctionError, r.ErrorKind);
        Assert.Contains("ValueError: bad input 7", r.Error);
        var again = await p.InvokeAsync("boom", "{}");
        Assert.Equal(StartType.Warm, again.StartType); // an application error does not poison the container
        Assert.True((await p.InvokeAsync("ok", "{}")).Ok);
    }

    [Fact]
    public async Task Bad_code_is_an_init_error_and_the_container_is_not_reused()
    {
        await using var h = new PlatformHarness();
        var p = await PlatformAsync(h, docker, "keep-alive");
        p.CreateFunction("syntax", "python", "def main(a)\n    return {}\n", "main", false);
        var r = await p.InvokeAsync("syntax", "{}");
        Assert.Equal(ErrorKinds.InitError, r.ErrorKind);
        Assert.Equal(422, r.HttpStatus);
        Assert.Contains("SyntaxError", r.Error);
        await PlatformHarness.WaitForAsync(p, s => s.Runtimes[0].Idle == 0 && s.Runtimes[0].Busy == 0);
    }

    [Fact]
    public async Task A_call_over_the_timeout_is_killed_and_the_next_call_works()
    {
        await using var h = new PlatformHarness();
        var p = await PlatformAsync(h, docker, "keep-alive", TimeSpan.FromSeconds(2));
        p.CreateFunction("sleepy", "python", "import time\ndef main(a):\n    time.sleep(60)\n    return {}\n", "main", false);
        var r = await p.InvokeAsync("sleepy", "{}");
        Assert.Equal(504, r.HttpStatus);
        Assert.Equal(ErrorKinds.Timeout, r.ErrorKind);
        Assert.InRange(r.Timings.InitMs + r.Timings.ExecMs, 1900, 5000);
        await p.Driver.WaitForQuietAsync(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<global::Docker.DotNet.DockerContainerNotFoundException>(() => docker.Engine.Client.Containers.InspectContainerAsync(r.ContainerId!));
        Assert.True((await p.InvokeAsync("ok", "{}")).Ok);
    }

    [Fact]
    public async Task A_function_over_its_memory_limit_is_an_out_of_memory_error_and_the_pool_recovers()
    {
        await using var h = new PlatformHarness();
        var p = await PlatformAsync(h, docker, "prewarm-pool");
        p.CreateFunction("hog", "python", "def main(a):\n    blocks = []\n    for i in range(100):\n        blocks.append(bytearray(16 * 1024 * 1024))\n    return {'n': len(blocks)}\n", "main", false);
        var r = await p.InvokeAsync("hog", "{}");
        Assert.False(r.Ok);
        Assert.Equal(ErrorKinds.OutOfMemory, r.ErrorKind);
        var next = await p.InvokeAsync("ok", "{}");
        Assert.True(next.Ok, next.Error);
    }

    [Fact]
    public async Task A_function_that_kills_its_agent_is_a_crash_and_the_pool_recovers()
    {
        await using var h = new PlatformHarness();
        var p = await PlatformAsync(h, docker, "keep-alive");
        p.CreateFunction("suicide", "python", "import os\ndef main(a):\n    os._exit(3)\n", "main", false);
        var r = await p.InvokeAsync("suicide", "{}");
        Assert.False(r.Ok);
        Assert.Equal(ErrorKinds.Crashed, r.ErrorKind);
        Assert.Contains("code 3", r.Error);
        var again = await p.InvokeAsync("suicide", "{}");
        Assert.Equal(StartType.Cold, again.StartType); // the dead container was not reused
        Assert.True((await p.InvokeAsync("ok", "{}")).Ok);
    }

    [Fact]
    public async Task Unknown_function_bad_arguments_and_bad_runtime_are_4xx()
    {
        await using var h = new PlatformHarness();
        var p = await PlatformAsync(h, docker, "prewarm-pool");
        Assert.Equal(404, (await p.InvokeAsync("nope", "{}")).HttpStatus);
        Assert.Equal(400, (await p.InvokeAsync("ok", "{not json")).HttpStatus);
        Assert.Equal(400, (await p.InvokeAsync("../etc", "{}")).HttpStatus);
        var missing = await Assert.ThrowsAsync<PlatformException>(() => p.CreateRuntimeAsync("ghost", "faas-runtime-ghost", null));
        Assert.Equal(400, missing.Status);
        Assert.Contains("not present", missing.Message);
        Assert.Equal(409, (await Assert.ThrowsAsync<PlatformException>(() => p.CreateRuntimeAsync("python", PlatformHarness.PythonImage, null))).Status);
        Assert.Equal(400, Assert.Throws<PlatformException>(() => p.CreateFunction("x y", "python", Ok, "main", false)).Status);
        Assert.Equal(404, Assert.Throws<PlatformException>(() => p.CreateFunction("x", "perl", Ok, "main", false)).Status);
    }

    [Fact]
    public async Task Concurrent_calls_all_complete_and_every_call_is_one_csv_row()
    {
        await using var h = new PlatformHarness();
        var p = await PlatformAsync(h, docker, "prewarm-pool");
        var calls = Enumerable.Range(0, 8).Select(i => p.InvokeAsync("ok", "{}")).ToArray();
        var results = await Task.WhenAll(calls);
        Assert.All(results, r => Assert.True(r.Ok, r.Error));
        Assert.Equal(8, results.Select(r => r.ContainerId).Distinct().Count()); // one-shot: never shared
        var s = await p.SnapshotAsync();
        Assert.Equal(8, s.Calls.Values.Sum());
        await p.DisposeAsync();
        Assert.Equal(1 + 8, File.ReadAllLines(h.Csv).Length);
    }
}
