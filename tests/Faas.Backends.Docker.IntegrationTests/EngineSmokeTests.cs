using System.Text;
using Faas.Backends.Docker.Engine;

namespace Faas.Backends.Docker.IntegrationTests;

[Collection(DockerCollection.Name)]
public sealed class EngineSmokeTests(DockerFixture docker)
{
    [Fact]
    public async Task Python_container_starts_inits_and_runs()
    {
        var engine = docker.Engine;
        var c = await engine.StartAsync(new ContainerSpec("faas-runtime-python", "python", "test", 128L << 20, 1_000_000_000, 64), default);
        try
        {
            var init = await c.InitAsync(Encoding.UTF8.GetBytes("""{"value":{"name":"t","main":"main","code":"def main(a):\n    return {'x': a.get('x', 0) + 1}\n"}}"""), default);
            Assert.Equal(200, init.Status);
            var run = await c.RunAsync(Encoding.UTF8.GetBytes("""{"value":{"x":41}}"""), default);
            Assert.Equal(200, run.Status);
            Assert.Contains("42", run.Body);
        }
        finally
        {
            await engine.RemoveAsync(c, default);
        }
    }
}
