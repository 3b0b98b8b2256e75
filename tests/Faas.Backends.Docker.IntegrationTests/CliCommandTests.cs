using Faas.Backends.Docker.Api;
using Faas.Cli;

namespace Faas.Backends.Docker.IntegrationTests;

/// <summary>The real-mode CLI commands against a server on a free loopback port.</summary>
[Collection(DockerCollection.Name)]
public sealed class CliCommandTests(DockerFixture docker)
{
    private static (int Code, string Out, string Err) Cli(params string[] args) => CliApp.RunCaptured(args);

    [Fact]
    public async Task Runtime_function_invoke_and_pool_commands_work_against_a_server()
    {
        await using var h = new PlatformHarness();
        var p = await h.StartAsync(docker.Engine, "keep-alive");
        await using var app = FaasHttpApi.Build(p, 0);
        await app.StartAsync();
        string server = app.Urls.First();
        string code = Path.Combine(h.Dir, "hello.py");
        await File.WriteAllTextAsync(code, "def main(args):\n    return {'hello': args.get('name', 'world')}\n");

        var add = await Task.Run(() => Cli("runtime", "add", "python", "--image", PlatformHarness.PythonImage, "--server", server));
        Assert.True(add.Code == 0, add.Err);
        Assert.Contains("runtime python", add.Out);
        Assert.Contains("python", (await Task.Run(() => Cli("runtime", "list", "--server", server))).Out);
        var create = await Task.Run(() => Cli("function", "create", "hello", "--runtime", "python", "--code", code, "--server", server));
        Assert.True(create.Code == 0, create.Err);
        Assert.Contains("version 1", create.Out);

        var cold = await Task.Run(() => Cli("invoke", "hello", "--args", """{"name":"cli"}""", "--server", server));
        Assert.True(cold.Code == 0, cold.Err);
        Assert.Equal("""{"hello": "cli"}""", cold.Out.Trim());
        Assert.Contains("start_type=cold", cold.Err);
        var warm = await Task.Run(() => Cli("invoke", "hello", "--server", server));
        Assert.Contains("start_type=warm", warm.Err);

        var pool = await Task.Run(() => Cli("pool", "--server", server));
        Assert.Contains("policy keep-alive", pool.Out);
        Assert.Matches(@"python\s+1\s+0\s+0\s+-", pool.Out);

        var missing = await Task.Run(() => Cli("invoke", "nope", "--server", server));
        Assert.Equal(ExitCodes.BadInput, missing.Code);
        Assert.Contains("does not exist", missing.Err);
        Assert.Equal(0, (await Task.Run(() => Cli("function", "delete", "hello", "--server", server))).Code);
        Assert.DoesNotContain("hello", (await Task.Run(() => Cli("function", "list", "--server", server))).Out);
        await app.StopAsync();
    }

    [Fact]
    public void Client_commands_say_plainly_when_no_server_answers()
    {
        var r = Cli("pool", "--server", "http://127.0.0.1:9");
        Assert.Equal(ExitCodes.Failure, r.Code);
        Assert.Contains("cannot reach the faas-sim server at http://127.0.0.1:9", r.Err);
        Assert.Contains("faas-sim serve", r.Err);
    }

    [Fact]
    public void Serve_refuses_an_unknown_policy_or_option_before_touching_docker()
    {
        var r = Cli("serve", "--policy", "nope", "--db", Path.Combine(Path.GetTempPath(), "unused.db"));
        Assert.Equal(ExitCodes.BadInput, r.Code);
        Assert.Contains("unknown policy 'nope'", r.Err);
        var oracle = Cli("serve", "--policy", "oracle");
        Assert.Equal(ExitCodes.BadInput, oracle.Code);
        Assert.Contains("simulator only", oracle.Err);
        var o = Cli("serve", "--policy", "keep-alive", "--opt", "ttl=soon");
        Assert.Equal(ExitCodes.BadInput, o.Code);
        Assert.Contains("ttl", o.Err);
    }
}
