using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Docker.DotNet.Models;
using Faas.Backends.Docker.Engine;

namespace Faas.Backends.Docker.IntegrationTests;

/// <summary>
/// The <c>faas-sim</c> command as a user installs it (<c>scripts/install-cli.sh</c>, a packed .NET
/// tool), not the test's in-process CLI: it starts as its own process, serves calls, and a SIGTERM or
/// a Ctrl-C (SIGINT) stops it with none of its containers left.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class InstalledToolTests(DockerFixture docker, InstalledToolTests.InstalledTool installed) : IClassFixture<InstalledToolTests.InstalledTool>
{
    /// <summary>One <c>scripts/install-cli.sh --tool-path</c> into a scratch folder for the class.</summary>
    public sealed class InstalledTool : IAsyncLifetime
    {
        public string Dir { get; } = Path.Combine(Path.GetTempPath(), "faas-tool-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        public string Tool => Path.Combine(Dir, "tools", "faas-sim");

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Dir);
            var r = await RunAsync("bash", [Path.Combine(RepoRoot(), "scripts", "install-cli.sh"), "--tool-path", Path.Combine(Dir, "tools")], TimeSpan.FromMinutes(5));
            Assert.True(r.Code == 0, $"install-cli.sh failed ({r.Code}):\n{r.Out}\n{r.Err}");
            Assert.True(File.Exists(Tool), $"install-cli.sh did not put faas-sim into {Dir}/tools");
        }

        public Task DisposeAsync()
        {
            try { Directory.Delete(Dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return Task.CompletedTask;
        }
    }

    private string Tool => installed.Tool;

    [Fact]
    public async Task The_installed_command_is_a_process_of_its_own_and_answers_help()
    {
        var r = await RunAsync(Tool, ["--help"], TimeSpan.FromMinutes(1));
        Assert.Equal(0, r.Code);
        Assert.Contains("faas-sim run scenarios/", r.Out);
        Assert.DoesNotContain("dotnet run", r.Out);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Serve_stopped_by_a_signal_leaves_no_container(string signal)
    {
        int port = FreePort();
        // A user's Ctrl-C comes from a terminal, where SIGINT has its default action. This test may
        // run under a process started with & from a script, which ignores SIGINT (POSIX) and passes
        // that on to its children: env --default-signal=INT gives the server a terminal's disposition.
        var psi = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--default-signal=INT");
        psi.ArgumentList.Add(Tool);
        foreach (var a in new[] { "serve", "--port", port.ToString(), "--policy", "prewarm-pool", "--opt", "min=1", "--db", Path.Combine(installed.Dir, $"{signal}.db") })
            psi.ArgumentList.Add(a);
        using var server = Process.Start(psi)!;
        var output = new StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilAnswersAsync(http, server, output);
            var rt = await http.PostAsJsonAsync("/runtimes", new { name = "python", image = PlatformHarness.PythonImage, memory = "128MiB" });
            Assert.Equal(HttpStatusCode.Created, rt.StatusCode);
            var fn = await http.PostAsJsonAsync("/functions", new { name = "add", runtime = "python", code = "def main(a):\n    return {'sum': a['x'] + a['y']}\n" });
            Assert.Equal(HttpStatusCode.Created, fn.StatusCode);
            var inv = await http.PostAsync("/functions/add/invoke", new StringContent("""{"x": 2, "y": 40}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, inv.StatusCode);
            Assert.Contains("\"sum\": 42", await inv.Content.ReadAsStringAsync());
            // the pool refills after the call: the server owns at least one container now
            await WaitForAsync(async () => (await OwnedAsync(server.Id)).Count > 0, TimeSpan.FromSeconds(30), "the server never owned a container");

            var kill = await RunAsync("kill", ["-" + signal, server.Id.ToString()], TimeSpan.FromSeconds(10));
            Assert.Equal(0, kill.Code);
            Assert.True(server.WaitForExit(60_000), $"faas-sim serve did not stop within 60 s of SIG{signal}:\n{output}");
            Assert.True(server.ExitCode == 0, $"exit code {server.ExitCode} after SIG{signal}:\n{output}");
            var left = await OwnedAsync(server.Id);
            Assert.True(left.Count == 0, $"containers left after SIG{signal}: {string.Join(", ", left.Select(c => c.Names[0]))}\n{output}");
            lock (output) Assert.Contains("stopped", output.ToString());
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            foreach (var c in await OwnedAsync(server.Id))
                await docker.Engine.Client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    private async Task<IList<ContainerListResponse>> OwnedAsync(int pid) =>
        await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Pid}={pid}"] = true } },
        });

    private static async Task WaitUntilAnswersAsync(HttpClient http, Process server, StringBuilder output)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited) lock (output) Assert.Fail($"faas-sim serve exited with {server.ExitCode}:\n{output}");
            try
            {
                if ((await http.GetAsync("/pool")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        lock (output) Assert.Fail($"faas-sim serve did not answer within 60 s:\n{output}");
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string message)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, message);
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(string file, string[] args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Faas.Sim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Faas.Sim.sln) not found above " + AppContext.BaseDirectory);
    }
}
