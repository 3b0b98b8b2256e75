using System.Globalization;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Faas.Backends.Docker.Engine;

/// <summary>
/// <see cref="IContainerEngine"/> on a real Docker engine through Docker.DotNet. Each container
/// gets a fresh host directory (owned by uid 10001) bind-mounted at <c>/run/faas</c>, where its
/// agent creates <c>agent.sock</c>; readiness is that socket answering <c>/health</c>. Every Docker
/// call runs under <see cref="DockerEngineOptions.DockerTimeout"/>.
/// </summary>
public sealed class DockerContainerEngine : IContainerEngine
{
    /// <summary>The uid/gid the runtime images run their agent as.</summary>
    public const uint AgentUid = 10001;

    /// <summary>CPU weight of a background (pool) container while it starts: 1/8 of the default 1024.</summary>
    public const long BackgroundCpuShares = 128;

    /// <summary>Docker API version of the engine here (20.10).</summary>
    public static readonly System.Version ApiVersion = new(1, 41);

    private readonly DockerClient _client;
    private readonly DockerEngineOptions _options;
    private readonly string _instanceDir;
    private long _sequence;

    private DockerContainerEngine(DockerClient client, DockerEngineOptions options, string instance)
    {
        _client = client;
        _options = options;
        Instance = instance;
        Root = options.SocketRoot ?? Path.Combine(Path.GetTempPath(), "faas-sim");
        _instanceDir = Path.Combine(Root, $"{HostProcess.Pid}-{HostProcess.StartTime}-{instance}");
    }

    /// <summary>The random id of this engine object, on every container it creates (label <c>faas.sim.instance</c>).</summary>
    public string Instance { get; }

    /// <summary>Where socket directories live.</summary>
    public string Root { get; }

    /// <summary>The Docker.DotNet client (for the benchmark's bare runs and tests).</summary>
    public IDockerClient Client => _client;

    /// <summary>Connects and checks that the engine answers; throws <see cref="DockerUnavailableException"/> with advice when it does not.</summary>
    public static async Task<DockerContainerEngine> ConnectAsync(DockerEngineOptions? options = null, CancellationToken cancel = default)
    {
        options ??= DockerEngineOptions.Default;
        var endpoint = options.ResolvedEndpoint;
        DockerClient client;
        try
        {
            client = new DockerClientConfiguration(endpoint, null, options.DockerTimeout).CreateClient(ApiVersion);
        }
        catch (Exception e)
        {
            throw new DockerUnavailableException($"cannot use the Docker endpoint {endpoint}: {e.Message}", e);
        }
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            cts.CancelAfter(TimeSpan.FromSeconds(Math.Min(10, options.DockerTimeout.TotalSeconds)));
            await client.System.PingAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            client.Dispose();
            throw new DockerUnavailableException(
                $"the Docker engine does not answer at {endpoint} ({e.GetType().Name}: {e.Message}); start it with scripts/docker-up.sh (as root)", e);
        }
        string instance = Convert.ToHexString(Guid.NewGuid().ToByteArray(), 0, 4).ToLowerInvariant();
        return new DockerContainerEngine(client, options, instance);
    }

    private CancellationTokenSource Limit(CancellationToken cancel)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        cts.CancelAfter(_options.DockerTimeout);
        return cts;
    }

    private async Task<T> Call<T>(string what, Func<CancellationToken, Task<T>> op, CancellationToken cancel)
    {
        using var cts = Limit(cancel);
        try
        {
            return await op(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"docker {what} did not answer within {_options.DockerTimeout.TotalSeconds:0.#} s");
        }
    }

    private Task Call(string what, Func<CancellationToken, Task> op, CancellationToken cancel) =>
        Call(what, async c => { await op(c).ConfigureAwait(false); return true; }, cancel);

    public async Task<string?> ImageIdAsync(string image, CancellationToken cancel)
    {
        try
        {
            var r = await Call("image inspect", c => _client.Images.InspectImageAsync(image, c), cancel).ConfigureAwait(false);
            return r.ID;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The create parameters for <paramref name="spec"/> with socket directory <paramref name="dir"/> (the production flags of runtimes/README.md).</summary>
    public CreateContainerParameters CreateParameters(ContainerSpec spec, string name, string dir) => new()
    {
        Name = name,
        Image = spec.Image,
        User = $"{AgentUid}:{AgentUid}",
        NetworkDisabled = true,
        Labels = new Dictionary<string, string>
        {
            [ContainerLabels.Owner] = ContainerLabels.OwnerValue,
            [ContainerLabels.Runtime] = spec.Runtime,
            [ContainerLabels.Policy] = spec.Policy,
            [ContainerLabels.Instance] = Instance,
            [ContainerLabels.Pid] = HostProcess.Pid.ToString(CultureInfo.InvariantCulture),
            [ContainerLabels.PidStart] = HostProcess.StartTime,
        },
        HostConfig = new HostConfig
        {
            NetworkMode = "none",
            Memory = spec.MemoryBytes,
            MemorySwap = spec.MemoryBytes, // no swap on top of the limit: exceeding it is an OOM kill
            NanoCPUs = spec.NanoCpus,
            CPUShares = spec.Background ? BackgroundCpuShares : 0, // 0: the default weight (1024)
            PidsLimit = spec.PidsLimit,
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges"],
            ReadonlyRootfs = true,
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,noexec,nosuid,nodev" },
            Binds = [$"{dir}:/run/faas"],
            AutoRemove = false,
        },
    };

    public async Task<IContainer> StartAsync(ContainerSpec spec, CancellationToken cancel)
    {
        long seq = Interlocked.Increment(ref _sequence);
        string name = $"faas-{Instance}-{seq.ToString(CultureInfo.InvariantCulture)}";
        string dir = Path.Combine(_instanceDir, seq.ToString(CultureInfo.InvariantCulture));
        PrepareSocketDir(dir);
        string? id = null;
        var agent = new AgentClient(Path.Combine(dir, "agent.sock"));
        try
        {
            // not cancelled by the caller: a create cancelled in flight can still happen in the
            // daemon, leaving a container whose id we never learnt (the removal below uses the name)
            cancel.ThrowIfCancellationRequested();
            var created = await Call("create", c => _client.Containers.CreateContainerAsync(CreateParameters(spec, name, dir), c), CancellationToken.None).ConfigureAwait(false);
            id = created.ID;
            bool started = await Call("start", c => _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), c), cancel).ConfigureAwait(false);
            if (!started) throw new ContainerStartException($"docker start of {name} reported no change");
            await WaitReadyAsync(id, name, agent, cancel).ConfigureAwait(false);
            if (spec.Background)
                await Call("update", c => _client.Containers.UpdateContainerAsync(id, new ContainerUpdateParameters { CPUShares = 1024 }, c), cancel).ConfigureAwait(false);
            return new DockerContainer(this, id, name, dir, agent);
        }
        catch (Exception e)
        {
            agent.Dispose();
            await RemoveQuietlyAsync(id ?? name, dir).ConfigureAwait(false);
            if (e is ContainerStartException || e is OperationCanceledException && cancel.IsCancellationRequested) throw;
            throw new ContainerStartException($"container of {spec.Image} did not start: {e.Message}", e);
        }
    }

    private async Task WaitReadyAsync(string id, string name, AgentClient agent, CancellationToken cancel)
    {
        long begin = Environment.TickCount64;
        long nextInspect = begin + 250;
        string socket = agent.SocketPath;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (File.Exists(socket))
            {
                try
                {
                    using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                    probe.CancelAfter(TimeSpan.FromSeconds(2));
                    if (await agent.HealthAsync(probe.Token).ConfigureAwait(false)) return;
                }
                catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancel.IsCancellationRequested)
                {
                    // listening not yet, or refused: retry
                }
            }
            long now = Environment.TickCount64;
            if (now - begin > _options.ReadyTimeout.TotalMilliseconds)
                throw new ContainerStartException($"the agent of {name} did not answer within {_options.ReadyTimeout.TotalSeconds:0.#} s");
            if (now >= nextInspect)
            {
                nextInspect = now + 500;
                var info = await Call("inspect", c => _client.Containers.InspectContainerAsync(id, c), cancel).ConfigureAwait(false);
                if (info.State is { Running: false } st)
                    throw new ContainerStartException($"container {name} exited (code {st.ExitCode}{(st.OOMKilled ? ", out of memory" : "")}) before its agent answered{(string.IsNullOrEmpty(st.Error) ? "" : ": " + st.Error)}");
            }
            await Task.Delay(2, cancel).ConfigureAwait(false);
        }
    }

    private static void PrepareSocketDir(string dir)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the Docker backend needs Linux (Unix sockets, uid 10001)");
        string parent = Path.GetDirectoryName(dir)!;
        if (!Directory.Exists(parent))
        {
            Directory.CreateDirectory(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        Directory.CreateDirectory(dir);
        // the agent runs as uid 10001 and must create its socket here (runtimes/README.md)
        if (HostProcess.TryChown(dir, AgentUid, AgentUid))
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        else
        {
            // not root: let uid 10001 write through the mode instead (the parent is ours and not listable by others)
            File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);
        }
    }

    public async Task RemoveAsync(IContainer container, CancellationToken cancel)
    {
        if (container is not DockerContainer dc) throw new ArgumentException("not a container of this engine", nameof(container));
        dc.Agent.Dispose();
        await RemoveByIdAsync(dc.Id, cancel).ConfigureAwait(false);
        TryDeleteDir(dc.Dir);
    }

    private async Task RemoveByIdAsync(string id, CancellationToken cancel)
    {
        try
        {
            await Call("rm -f", c => _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, c), cancel).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException) { }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict && e.ResponseBody.Contains("already in progress", StringComparison.Ordinal)) { }
    }

    private async Task RemoveQuietlyAsync(string? id, string dir)
    {
        try
        {
            if (id is not null) await RemoveByIdAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception) { /* best effort: the leftover sweep or the shutdown net will find it */ }
        TryDeleteDir(dir);
    }

    private static void TryDeleteDir(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private async Task<IList<ContainerListResponse>> ListAsync(string labelFilter, CancellationToken cancel) =>
        await Call("ps", c => _client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [labelFilter] = true } },
        }, c), cancel).ConfigureAwait(false);

    public async Task<int> RemoveLeftoversAsync(CancellationToken cancel)
    {
        int removed = 0;
        foreach (var c in await ListAsync(ContainerLabels.OwnerFilter, cancel).ConfigureAwait(false))
        {
            if (c.Labels is null || !c.Labels.TryGetValue(ContainerLabels.Pid, out var pidText)) continue; // not made by a driver (e.g. smoke test)
            c.Labels.TryGetValue(ContainerLabels.PidStart, out var start);
            if (int.TryParse(pidText, CultureInfo.InvariantCulture, out int pid) && HostProcess.IsAlive(pid, start ?? "0")) continue;
            await RemoveByIdAsync(c.ID, cancel).ConfigureAwait(false);
            removed++;
        }
        // socket directories of dead owners: <pid>-<start>-<instance>
        if (Directory.Exists(Root))
        {
            foreach (var d in Directory.EnumerateDirectories(Root))
            {
                var parts = Path.GetFileName(d).Split('-');
                if (parts.Length == 3 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int pid) && !HostProcess.IsAlive(pid, parts[1]))
                    TryDeleteDir(d);
            }
        }
        return removed;
    }

    public async Task<int> RemoveAllOwnAsync(CancellationToken cancel)
    {
        int removed = 0;
        foreach (var c in await ListAsync($"{ContainerLabels.Instance}={Instance}", cancel).ConfigureAwait(false))
        {
            await RemoveByIdAsync(c.ID, cancel).ConfigureAwait(false);
            removed++;
        }
        TryDeleteDir(_instanceDir);
        return removed;
    }

    internal Task KillAsync(string id, CancellationToken cancel) =>
        Call("kill", async c =>
        {
            try { await _client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "KILL" }, c).ConfigureAwait(false); }
            catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict) { } // gone or not running
        }, cancel);

    internal async Task<ContainerExit> DiagnoseAsync(string id, TimeSpan wait, CancellationToken cancel)
    {
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancel))
        {
            cts.CancelAfter(wait < _options.DockerTimeout ? wait : _options.DockerTimeout);
            try { await _client.Containers.WaitContainerAsync(id, cts.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested) { }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { return new ContainerExit(true, -1, false); }
        }
        try
        {
            var info = await Call("inspect", c => _client.Containers.InspectContainerAsync(id, c), cancel).ConfigureAwait(false);
            return new ContainerExit(!info.State.Running, info.State.ExitCode, info.State.OOMKilled);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return new ContainerExit(true, -1, false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await RemoveAllOwnAsync(CancellationToken.None).ConfigureAwait(false); }
        catch (Exception) { /* engine gone: nothing more we can do */ }
        _client.Dispose();
    }

    private sealed class DockerContainer(DockerContainerEngine engine, string id, string name, string dir, AgentClient agent) : IContainer
    {
        public string Id { get; } = id;
        public string Name { get; } = name;
        public string Dir { get; } = dir;
        public AgentClient Agent { get; } = agent;

        public Task<AgentReply> InitAsync(ReadOnlyMemory<byte> body, CancellationToken cancel) => Agent.PostAsync("init", body, cancel);

        public Task<AgentReply> RunAsync(ReadOnlyMemory<byte> body, CancellationToken cancel) => Agent.PostAsync("run", body, cancel);

        public Task KillAsync(CancellationToken cancel) => engine.KillAsync(Id, cancel);

        public Task<ContainerExit> DiagnoseAsync(TimeSpan wait, CancellationToken cancel) => engine.DiagnoseAsync(Id, wait, cancel);

        public override string ToString() => Name;
    }
}
