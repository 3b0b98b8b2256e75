namespace Faas.Backends.Docker.IntegrationTests;

/// <summary>A hostile function cannot reach the network, the host, or another function's code.</summary>
[Collection(DockerCollection.Name)]
public sealed class IsolationTests(DockerFixture docker)
{
    private const string Probe = """
        import os, socket

        def _connect(host, port):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.settimeout(2)
            try:
                s.connect((host, port))
                return 'connected'
            except OSError as e:
                return 'failed: %s' % e
            finally:
                s.close()

        def _scan(roots, needle):
            hits = []
            for root in roots:
                for d, dirs, files in os.walk(root):
                    for f in files:
                        p = os.path.join(d, f)
                        try:
                            with open(p, 'rb') as fh:
                                if needle.encode() in fh.read(1 << 20):
                                    hits.append(p)
                        except Exception:
                            pass
            return hits

        def _proc(needle):
            hits = []
            for pid in os.listdir('/proc'):
                if pid.isdigit():
                    for part in ('cmdline', 'environ'):
                        try:
                            with open('/proc/%s/%s' % (pid, part), 'rb') as fh:
                                if needle.encode() in fh.read():
                                    hits.append(pid + '/' + part)
                        except Exception:
                            pass
            return hits

        def main(args):
            try:
                with open('/etc/faas-probe', 'w') as fh:
                    fh.write('x')
                rootfs = 'writable'
            except OSError as e:
                rootfs = 'read-only: %s' % e
            needle = args['needle']
            return {
                'uid': os.getuid(),
                'public': _connect('1.1.1.1', 80),
                'loopback': _connect('127.0.0.1', 8080),
                'interfaces': sorted(os.listdir('/sys/class/net')),
                'rootfs': rootfs,
                'docker_sock': os.path.exists('/var/run/docker.sock'),
                'run_faas': sorted(os.listdir('/run/faas')),
                'pids': sorted(int(p) for p in os.listdir('/proc') if p.isdigit()),
                'file_hits': _scan(['/tmp', '/run', '/opt', '/home', '/root', '/srv', '/var'], needle),
                'proc_hits': _proc(needle),
            }
        """;

    [Fact]
    public async Task A_hostile_function_sees_no_network_no_host_and_no_other_functions_code()
    {
        await using var h = new PlatformHarness();
        var p = await h.StartAsync(docker.Engine, "keep-alive"); // keep-alive: the victim's container stays up, warm
        await p.CreateRuntimeAsync("python", PlatformHarness.PythonImage, null);
        string secret = "SECRET" + "_" + Guid.NewGuid().ToString("N");
        p.CreateFunction("victim", "python", $"TOKEN = '{secret}'\ndef main(a):\n    return {{'len': len(TOKEN)}}\n", "main", false);
        Assert.True((await p.InvokeAsync("victim", "{}")).Ok);
        p.CreateFunction("probe", "python", Probe, "main", false);

        var r = await p.InvokeAsync("probe", $$"""{"needle": "{{secret}}"}""");
        Assert.True(r.Ok, r.Error);
        using var doc = System.Text.Json.JsonDocument.Parse(r.ResultJson!);
        var o = doc.RootElement;
        Assert.Equal(10001, o.GetProperty("uid").GetInt32());
        Assert.StartsWith("failed", o.GetProperty("public").GetString());
        Assert.StartsWith("failed", o.GetProperty("loopback").GetString());
        Assert.Equal(["lo"], o.GetProperty("interfaces").EnumerateArray().Select(x => x.GetString()!).ToArray());
        Assert.StartsWith("read-only", o.GetProperty("rootfs").GetString());
        Assert.False(o.GetProperty("docker_sock").GetBoolean());
        Assert.Equal(["agent.sock"], o.GetProperty("run_faas").EnumerateArray().Select(x => x.GetString()!).ToArray());
        Assert.Empty(o.GetProperty("file_hits").EnumerateArray());
        Assert.Empty(o.GetProperty("proc_hits").EnumerateArray());
        Assert.All(o.GetProperty("pids").EnumerateArray(), pid => Assert.True(pid.GetInt32() < 100)); // its own pid namespace
    }

    [Fact]
    public async Task A_fork_bomb_is_stopped_by_the_pids_limit_and_fails_only_its_call()
    {
        await using var h = new PlatformHarness();
        var p = await h.StartAsync(docker.Engine, "prewarm-pool", callTimeout: TimeSpan.FromSeconds(10));
        await p.CreateRuntimeAsync("python", PlatformHarness.PythonImage, null);
        p.CreateFunction("bomb", "python", "import threading, time\ndef main(a):\n    n = 0\n    try:\n        while True:\n            threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n            n += 1\n    except RuntimeError as e:\n        return {'threads': n, 'error': str(e)}\n", "main", false);
        p.CreateFunction("ok", "python", "def main(a):\n    return {}\n", "main", false);
        var r = await p.InvokeAsync("bomb", "{}");
        Assert.True(r.Ok, r.Error);
        Assert.Contains("can't start new thread", r.ResultJson);
        Assert.True((await p.InvokeAsync("ok", "{}")).Ok);
    }
}
