using Docker.DotNet;
using Faas.Backends.Docker.Engine;

using ContainerRemoveParameters = Docker.DotNet.Models.ContainerRemoveParameters;

namespace Faas.Backends.Docker.IntegrationTests;

[Collection(DockerCollection.Name)]
public sealed class LeftoverTests(DockerFixture docker)
{
    /// <summary>Creates (not starts) a container labelled as owned by process <paramref name="pid"/> started at <paramref name="pidStart"/>.</summary>
    private async Task<string> CreateOwnedAsync(string name, string pid, string pidStart)
    {
        var dir = Path.Combine(Path.GetTempPath(), "faas-leftover-" + name);
        Directory.CreateDirectory(dir);
        var p = docker.Engine.CreateParameters(new ContainerSpec(PlatformHarness.PythonImage, "python", "test", 64L << 20, 1_000_000_000, 64), name, dir);
        p.Labels[ContainerLabels.Pid] = pid;
        p.Labels[ContainerLabels.PidStart] = pidStart;
        p.Labels[ContainerLabels.Instance] = "leftover";
        return (await docker.Engine.Client.Containers.CreateContainerAsync(p)).ID;
    }

    [Fact]
    public async Task Start_removes_containers_of_a_dead_owner_and_keeps_those_of_a_live_one()
    {
        string tag = Guid.NewGuid().ToString("N")[..6];
        // a recycled pid: this very process's pid but another start time, i.e. an owner that is gone
        string dead = await CreateOwnedAsync($"faas-dead-{tag}", Environment.ProcessId.ToString(), "1");
        string alive = await CreateOwnedAsync($"faas-alive-{tag}", Environment.ProcessId.ToString(), HostProcessStart());
        try
        {
            await using var h = new PlatformHarness();
            var p = await h.StartAsync(docker.Engine, "prewarm-pool");
            Assert.True(p.LeftoversRemoved >= 1);
            await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => docker.Engine.Client.Containers.InspectContainerAsync(dead));
            Assert.NotNull(await docker.Engine.Client.Containers.InspectContainerAsync(alive));
        }
        finally
        {
            await docker.Engine.Client.Containers.RemoveContainerAsync(alive, new ContainerRemoveParameters { Force = true });
            try { await docker.Engine.Client.Containers.RemoveContainerAsync(dead, new ContainerRemoveParameters { Force = true }); }
            catch (DockerContainerNotFoundException) { }
            foreach (var d in Directory.GetDirectories(Path.GetTempPath(), $"faas-leftover-faas-*-{tag}")) Directory.Delete(d, true);
        }
    }

    private static string HostProcessStart()
    {
        string stat = File.ReadAllText($"/proc/{Environment.ProcessId}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
    }
}
