using Docker.DotNet;
using Faas.Platform;

namespace Faas.Backends.Docker.IntegrationTests;

[Collection(DockerCollection.Name)]
public sealed class PrewarmPoolTests(DockerFixture docker)
{
    private const string Echo = "def main(args):\n    return {'echo': args, 'n': args.get('n', 0) + 1}\n";

    [Fact]
    public async Task First_call_is_cold_then_prewarm_and_the_used_container_is_replaced()
    {
        await using var h = new PlatformHarness();
        var p = await h.StartAsync(docker.Engine, "prewarm-pool");
        await p.CreateRuntimeAsync("python", PlatformHarness.PythonImage, null);
        p.CreateFunction("echo", "python", Echo, "main", false);

        var first = await p.InvokeAsync("echo", """{"n": 41}""");
        Assert.True(first.Ok, first.Error);
        Assert.Equal(StartType.Cold, first.StartType);
        Assert.Contains("\"n\": 42", first.ResultJson);
        Assert.True(first.Timings.StartupMs > 50, $"startup {first.Timings.StartupMs} ms");

        var pooled = await PlatformHarness.WaitForAsync(p, s => s.Runtimes[0].Idle >= 1);
        Assert.True(pooled.Runtimes[0].Target >= 1);
        var second = await p.InvokeAsync("echo", """{"n": 1}""");
        Assert.True(second.Ok, second.Error);
        Assert.Equal(StartType.Prewarm, second.StartType);
        Assert.Equal(0, second.Timings.StartupMs);
        Assert.True(second.Timings.InitMs > 0);
        Assert.NotEqual(first.ContainerId, second.ContainerId);

        // one-shot: the container that ran the call is removed; a replacement fills the pool
        await p.Driver.WaitForQuietAsync(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => docker.Engine.Client.Containers.InspectContainerAsync(second.ContainerId!));
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => docker.Engine.Client.Containers.InspectContainerAsync(first.ContainerId!));
        var refilled = await PlatformHarness.WaitForAsync(p, s => s.Runtimes[0].Idle >= 1);
        Assert.Equal(0, refilled.Runtimes[0].Busy);
        var third = await p.InvokeAsync("echo", "{}");
        Assert.Equal(StartType.Prewarm, third.StartType);
        Assert.NotEqual(second.ContainerId, third.ContainerId);
    }

    [Fact]
    public async Task With_min_one_the_pool_is_filled_at_start_so_the_first_call_is_prewarm()
    {
        await using var h = new PlatformHarness();
        await using (var setup = await h.StartAsync(docker.Engine, "prewarm-pool"))
        {
            await setup.CreateRuntimeAsync("python", PlatformHarness.PythonImage, null);
            setup.CreateFunction("echo", "python", Echo, "main", false);
        }
        var p = await h.StartAsync(docker.Engine, "prewarm-pool", new() { ["min"] = "1" });
        await PlatformHarness.WaitForAsync(p, s => s.Runtimes[0].Idle == 1);
        var r = await p.InvokeAsync("echo", "{}");
        Assert.True(r.Ok, r.Error);
        Assert.Equal(StartType.Prewarm, r.StartType);
        var lines = File.ReadAllLines(h.Csv);
        Assert.StartsWith("scenario,model,replication,invocation,function,runtime,arrival_s,start_type", lines[0]);
    }
}
