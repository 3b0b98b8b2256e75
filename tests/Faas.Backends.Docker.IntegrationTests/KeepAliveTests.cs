using Faas.Platform;

namespace Faas.Backends.Docker.IntegrationTests;

[Collection(DockerCollection.Name)]
public sealed class KeepAliveTests(DockerFixture docker)
{
    private const string Counter = "calls = 0\ndef main(args):\n    global calls\n    calls += 1\n    return {'calls': calls}\n";

    [Fact]
    public async Task First_call_is_cold_later_calls_are_warm_in_the_same_container()
    {
        await using var h = new PlatformHarness();
        var p = await h.StartAsync(docker.Engine, "keep-alive", new() { ["ttl"] = "10m" });
        await p.CreateRuntimeAsync("python", PlatformHarness.PythonImage, null);
        p.CreateFunction("counter", "python", Counter, "main", false);

        var first = await p.InvokeAsync("counter", "{}");
        Assert.True(first.Ok, first.Error);
        Assert.Equal(StartType.Cold, first.StartType);
        for (int i = 2; i <= 4; i++)
        {
            var r = await p.InvokeAsync("counter", "{}");
            Assert.True(r.Ok, r.Error);
            Assert.Equal(StartType.Warm, r.StartType);
            Assert.Equal(first.ContainerId, r.ContainerId);
            Assert.Equal(0, r.Timings.InitMs);
            Assert.Contains($"\"calls\": {i}", r.ResultJson); // state survives: the same process ran it
        }
        var s = await p.SnapshotAsync();
        Assert.Equal(1, s.Runtimes[0].Idle);
        Assert.Equal(-1, s.Runtimes[0].Target);
    }

    [Fact]
    public async Task An_idle_container_is_removed_after_ttl_and_the_next_call_is_cold()
    {
        await using var h = new PlatformHarness();
        var p = await h.StartAsync(docker.Engine, "keep-alive", new() { ["ttl"] = "1s" });
        await p.CreateRuntimeAsync("python", PlatformHarness.PythonImage, null);
        p.CreateFunction("counter", "python", Counter, "main", false);
        var first = await p.InvokeAsync("counter", "{}");
        Assert.Equal(StartType.Cold, first.StartType);
        await PlatformHarness.WaitForAsync(p, s => s.Runtimes[0].Idle == 0 && s.BackgroundOperations == 0, 10);
        var again = await p.InvokeAsync("counter", "{}");
        Assert.True(again.Ok, again.Error);
        Assert.Equal(StartType.Cold, again.StartType);
        Assert.NotEqual(first.ContainerId, again.ContainerId);
    }

    [Fact]
    public async Task A_new_version_is_not_served_by_containers_of_the_old_one()
    {
        await using var h = new PlatformHarness();
        var p = await h.StartAsync(docker.Engine, "keep-alive");
        await p.CreateRuntimeAsync("python", PlatformHarness.PythonImage, null);
        p.CreateFunction("f", "python", "def main(a):\n    return {'v': 1}\n", "main", false);
        Assert.Contains("\"v\": 1", (await p.InvokeAsync("f", "{}")).ResultJson);
        var v2 = p.CreateFunction("f", "python", "def main(a):\n    return {'v': 2}\n", "main", false);
        Assert.Equal(2, v2.Version);
        var r = await p.InvokeAsync("f", "{}");
        Assert.Contains("\"v\": 2", r.ResultJson);
        Assert.Equal(StartType.Cold, r.StartType);
    }
}
