using Faas.Platform;

namespace Faas.Backends.Docker.IntegrationTests;

/// <summary>The other catalog models run on the real engine too (one policy, two drivers).</summary>
[Collection(DockerCollection.Name)]
public sealed class OtherPolicyTests(DockerFixture docker)
{
    [Theory]
    [InlineData("openwhisk")]
    [InlineData("hybrid-histogram")]
    [InlineData("faascache")]
    [InlineData("cold-only")]
    public async Task Calls_complete_and_are_classified(string policy)
    {
        await using var h = new PlatformHarness();
        await using (var setup = await h.StartAsync(docker.Engine, "cold-only"))
        {
            await setup.CreateRuntimeAsync("python", PlatformHarness.PythonImage, null);
            setup.CreateFunction("f", "python", "def main(a):\n    return {'ok': 1}\n", "main", false);
        }
        // started with the runtime in the database: openwhisk sizes its per-runtime state at start
        var p = await h.StartAsync(docker.Engine, policy);
        var first = await p.InvokeAsync("f", "{}");
        Assert.True(first.Ok, first.Error);
        var second = await p.InvokeAsync("f", "{}");
        Assert.True(second.Ok, second.Error);
        Assert.NotNull(second.StartType);
        if (policy == "cold-only") Assert.Equal(StartType.Cold, second.StartType);
        if (policy is "faascache" or "hybrid-histogram") Assert.Equal(StartType.Warm, second.StartType);
    }
}
