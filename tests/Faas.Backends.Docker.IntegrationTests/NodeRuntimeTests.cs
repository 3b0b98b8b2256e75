using System.IO.Compression;
using System.Text;
using Faas.Platform;

namespace Faas.Backends.Docker.IntegrationTests;

[Collection(DockerCollection.Name)]
public sealed class NodeRuntimeTests(DockerFixture docker)
{
    [Fact]
    public async Task Node_function_runs_cold_then_prewarm()
    {
        await using var h = new PlatformHarness();
        var p = await h.StartAsync(docker.Engine, "prewarm-pool");
        var rt = await p.CreateRuntimeAsync("node", PlatformHarness.NodeImage, 128L << 20);
        Assert.StartsWith("sha256:", rt.ImageId);
        p.CreateFunction("hello", "node", "function main(args) { return { greeting: 'hello ' + (args.name || 'world') }; }", "main", false);
        var cold = await p.InvokeAsync("hello", """{"name":"node"}""");
        Assert.True(cold.Ok, cold.Error);
        Assert.Equal(StartType.Cold, cold.StartType);
        Assert.Contains("hello node", cold.ResultJson);
        await PlatformHarness.WaitForAsync(p, s => s.Runtimes[0].Idle >= 1);
        var warm = await p.InvokeAsync("hello", "{}");
        Assert.Equal(StartType.Prewarm, warm.StartType);
        Assert.Contains("hello world", warm.ResultJson);
    }

    [Fact]
    public async Task Python_zip_function_with_a_sibling_module_runs()
    {
        await using var h = new PlatformHarness();
        var p = await h.StartAsync(docker.Engine, "keep-alive");
        await p.CreateRuntimeAsync("python", PlatformHarness.PythonImage, null);
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
        {
            Write(zip, "__main__.py", "import helper\ndef handler(args):\n    return {'sum': helper.add(args['a'], args['b'])}\n");
            Write(zip, "helper.py", "def add(a, b):\n    return a + b\n");
        }
        var f = p.CreateFunction("adder", "python", Convert.ToBase64String(ms.ToArray()), "handler", true);
        Assert.True(f.Binary);
        var r = await p.InvokeAsync("adder", """{"a": 2, "b": 3}""");
        Assert.True(r.Ok, r.Error);
        Assert.Contains("\"sum\": 5", r.ResultJson);
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var s = zip.CreateEntry(name).Open();
        s.Write(Encoding.UTF8.GetBytes(text));
    }
}
