using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Faas.Backends.Docker.Engine;
using Faas.Backends.Docker.Pool;
using Faas.Backends.Docker.Store;
using Faas.Engine;
using Faas.Platform;
using Faas.Platform.Models;

namespace Faas.Backends.Docker;

/// <summary>
/// The seed's API on a real Docker engine: create runtime, create function, run function. It
/// joins the function database (<see cref="FunctionStore"/>), the container engine and the pool
/// driver that runs the chosen policy. Thread-safe: the HTTP API calls it concurrently.
/// <list type="bullet">
/// <item>Create runtime: the image must exist locally and its agent must answer in a test container.</item>
/// <item>Create function: stored in the database; creating an existing name stores a new version.</item>
/// <item>Run function: the current version is looked up in the database on every call (its code
/// is fetched when the version is new to this process), then the driver runs it in a container
/// the policy picks, injecting the code unless the container already holds it.</item>
/// </list>
/// On start it removes the leftovers of crashed earlier processes; on dispose, all its containers.
/// </summary>
public sealed class DockerPlatform : IAsyncDisposable
{
    private readonly DockerPlatformOptions _options;
    private readonly IContainerEngine _engine;
    private readonly bool _ownsEngine;
    private readonly TimeProvider _time;
    private readonly PoolDriver _driver;
    private readonly CsvInvocationLog? _csv;
    private readonly ConcurrentDictionary<string, (int Version, int Index)> _functions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _runtimes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _registerLock = new(1, 1);
    private int _disposed;

    private DockerPlatform(DockerPlatformOptions options, IContainerEngine engine, bool ownsEngine, FunctionStore store, TimeProvider time, TextWriter? log)
    {
        _options = options;
        _engine = engine;
        _ownsEngine = ownsEngine;
        _time = time;
        Store = store;
        var policyOptions = PolicyOptions(options.PolicyOptions);
        var entry = ModelCatalog.Find(options.Policy)!;
        PoolDriver? driver = null;
        if (options.InvocationsCsv is not null)
            _csv = new CsvInvocationLog(options.InvocationsCsv, options.RunLabel, options.Policy, f => driver!.FunctionName(f), r => driver!.RuntimeName(r));
        driver = new PoolDriver(engine, spec => entry.Create(policyOptions, spec), options.Driver, time, _csv, _csv is null ? null : _csv.Flush, log);
        _driver = driver;
    }

    /// <summary>The function database.</summary>
    public FunctionStore Store { get; }

    /// <summary>The pool driver (for status, metrics and benchmarks).</summary>
    public PoolDriver Driver => _driver;

    /// <summary>The policy's catalog name.</summary>
    public string Policy => _options.Policy;

    /// <summary>Leftover containers of crashed earlier processes removed at start.</summary>
    public int LeftoversRemoved { get; private set; }

    /// <summary>The invocations.csv being appended to, or null.</summary>
    public string? InvocationsCsvPath => _csv?.Path;

    /// <summary>
    /// Checks the policy and its options (throws <see cref="PolicyOptionException"/>, i.e. bad input,
    /// before touching Docker), connects to Docker unless <paramref name="engine"/> is given
    /// (throws <see cref="DockerUnavailableException"/>), removes leftovers, opens the database and
    /// starts the pool with the runtimes it holds.
    /// </summary>
    public static async Task<DockerPlatform> StartAsync(DockerPlatformOptions options, IContainerEngine? engine = null, TimeProvider? time = null,
        TextWriter? log = null, CancellationToken cancel = default)
    {
        ValidatePolicy(options.Policy, options.PolicyOptions);
        bool owns = engine is null;
        engine ??= await DockerContainerEngine.ConnectAsync(options.Engine, cancel).ConfigureAwait(false);
        try
        {
            int leftovers = await engine.RemoveLeftoversAsync(cancel).ConfigureAwait(false);
            var store = new FunctionStore(options.DatabasePath, time);
            var p = new DockerPlatform(options, engine, owns, store, time ?? TimeProvider.System, log) { LeftoversRemoved = leftovers };
            var runtimes = store.ListRuntimes();
            for (int i = 0; i < runtimes.Count; i++) p._runtimes[runtimes[i].Name] = i;
            var functions = store.ListFunctions().Select(f => store.GetFunction(f.Name)).OfType<FunctionRecord>().ToList();
            var indexes = p._driver.Start(runtimes.Select(r => new RuntimeInfo(r.Name, r.Image, r.MemoryBytes)),
                functions.Select(f => new FunctionInfo(f.Name, f.Version, p._runtimes[f.Runtime], InitBody(f))));
            for (int i = 0; i < functions.Count; i++) p._functions[functions[i].Name] = (functions[i].Version, indexes[i]);
            return p;
        }
        catch
        {
            if (owns) await engine.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Throws <see cref="PolicyOptionException"/> (naming <c>--policy</c> or <c>--opt key</c>) on an
    /// unknown or simulator-only policy or a bad option.
    /// </summary>
    public static void ValidatePolicy(string policy, IReadOnlyDictionary<string, string> options)
    {
        var entry = ModelCatalog.Find(policy) ?? throw new PolicyOptionException("--policy", $"unknown policy '{policy}'; expected one of: {ModelCatalog.Names}");
        if (entry.Has(ModelCapabilities.SimulatorOnly))
            throw new PolicyOptionException("--policy", $"policy '{policy}' needs the future arrivals of a trace: simulator only");
        entry.Create(PolicyOptions(options), new PlatformSpec(long.MaxValue));
    }

    /// <summary>The policy's <c>--opt key=value</c> pairs as the catalog's option source: errors name <c>--opt key</c> (<c>--opt</c> for the options as a whole).</summary>
    public static IOptionSource PolicyOptions(IReadOnlyDictionary<string, string> options) =>
        new OptionSource(options, (key, problem) => new PolicyOptionException(key is null ? "--opt" : $"--opt {key}", problem));

    // ------------------------------------------------------------------ runtimes

    /// <summary>Registers a runtime after checking that <paramref name="image"/> exists locally and that its agent answers in a test container.</summary>
    public async Task<RuntimeRecord> CreateRuntimeAsync(string? name, string? image, long? memoryBytes, CancellationToken cancel = default)
    {
        Check(NameRules.CheckName("runtime", name));
        Check(NameRules.CheckImage(image));
        long mem = memoryBytes ?? DockerPlatformOptions.DefaultRuntimeMemory;
        if (mem < (16L << 20) || mem > _options.Driver.ClusterMemoryBytes)
            throw new PlatformException(400, ErrorKinds.BadRequest, $"memory must be between 16MiB and the platform's capacity ({Units.FormatMemory(_options.Driver.ClusterMemoryBytes)}), got {mem} bytes");
        if (Store.GetRuntime(name!) is not null)
            throw new PlatformException(409, "conflict", $"runtime '{name}' already exists");
        string imageId = await _engine.ImageIdAsync(image!, cancel).ConfigureAwait(false)
            ?? throw new PlatformException(400, ErrorKinds.BadRequest, $"image '{image}' is not present in the local Docker engine (build it, e.g. scripts/build-runtime-images.sh)");
        IContainer probe;
        try
        {
            probe = await _engine.StartAsync(new ContainerSpec(image!, name!, "probe", mem, _options.Driver.NanoCpus, _options.Driver.PidsLimit), cancel).ConfigureAwait(false);
        }
        catch (ContainerStartException e)
        {
            throw new PlatformException(422, ErrorKinds.StartFailed, $"the agent of image '{image}' did not answer in a test container: {e.Message}", e);
        }
        await _engine.RemoveAsync(probe, CancellationToken.None).ConfigureAwait(false);
        if (!Store.TryAddRuntime(name!, image!, imageId, mem, out var record))
            throw new PlatformException(409, "conflict", $"runtime '{name}' already exists");
        _runtimes[name!] = await _driver.RegisterRuntimeAsync(new RuntimeInfo(name!, image!, mem)).ConfigureAwait(false);
        return record;
    }

    public IReadOnlyList<RuntimeRecord> ListRuntimes() => Store.ListRuntimes();

    // ------------------------------------------------------------------ functions

    /// <summary>
    /// Stores a function (a new version if the name exists). <paramref name="code"/> is source
    /// text, or base64 of a zip when <paramref name="binary"/>.
    /// </summary>
    public FunctionRecord CreateFunction(string? name, string? runtime, string? code, string? main, bool binary)
    {
        Check(NameRules.CheckName("function", name));
        Check(NameRules.CheckName("runtime", runtime));
        main = string.IsNullOrEmpty(main) ? "main" : main;
        Check(NameRules.CheckEntryPoint(main));
        if (string.IsNullOrEmpty(code)) throw new PlatformException(400, ErrorKinds.BadRequest, "code is missing");
        if (Store.GetRuntime(runtime!) is null) throw new PlatformException(404, ErrorKinds.NotFound, $"runtime '{runtime}' does not exist (create it first: POST /runtimes)");
        byte[] bytes;
        if (binary)
        {
            try { bytes = Convert.FromBase64String(code); }
            catch (FormatException) { throw new PlatformException(400, ErrorKinds.BadRequest, "binary code must be base64 of a zip file"); }
            if (bytes.Length < 4 || bytes[0] != (byte)'P' || bytes[1] != (byte)'K')
                throw new PlatformException(400, ErrorKinds.BadRequest, "binary code is not a zip file");
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(code);
        }
        if (bytes.Length > MaxCodeBytes) throw new PlatformException(413, ErrorKinds.BadRequest, $"code is larger than {MaxCodeBytes >> 20} MiB");
        return Store.PutFunction(name!, runtime!, bytes, binary, main);
    }

    /// <summary>The largest function code accepted (the agents refuse request bodies over 64 MiB; base64 adds a third).</summary>
    public const int MaxCodeBytes = 32 << 20;

    public IReadOnlyList<FunctionRecord> ListFunctions() => Store.ListFunctions();

    public FunctionRecord? GetFunction(string name) => NameRules.CheckName("function", name) is null ? Store.GetFunction(name) : null;

    /// <summary>Deletes every version; containers holding it age out under the policy.</summary>
    public bool DeleteFunction(string name)
    {
        Check(NameRules.CheckName("function", name));
        bool deleted = Store.DeleteFunction(name);
        _functions.TryRemove(name, out _);
        return deleted;
    }

    // ------------------------------------------------------------------ run

    /// <summary>
    /// Runs the current version of <paramref name="name"/> with <paramref name="argsJson"/> (any
    /// JSON; empty means <c>{}</c>). Never throws for a failed call: the result carries the status.
    /// </summary>
    public async Task<InvocationResult> InvokeAsync(string name, string? argsJson)
    {
        long arrival = _time.GetTimestamp();
        if (NameRules.CheckName("function", name) is { } bad) return InvocationResult.Failure(400, ErrorKinds.BadRequest, bad);
        byte[] body;
        try { body = RunBody(argsJson); }
        catch (JsonException e) { return InvocationResult.Failure(400, ErrorKinds.BadRequest, $"the arguments are not valid JSON: {e.Message}"); }
        int index;
        try { index = await FunctionIndexAsync(name).ConfigureAwait(false); }
        catch (PlatformException e) { return InvocationResult.Failure(e.Status, e.Kind, e.Message); }
        return await _driver.InvokeAsync(index, body, arrival).ConfigureAwait(false);
    }

    private async Task<int> FunctionIndexAsync(string name)
    {
        int version = Store.CurrentVersion(name);
        if (version == 0) throw new PlatformException(404, ErrorKinds.NotFound, $"function '{name}' does not exist");
        if (_functions.TryGetValue(name, out var known) && known.Version == version) return known.Index;
        await _registerLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_functions.TryGetValue(name, out known) && known.Version == version) return known.Index;
            var f = Store.GetFunction(name) ?? throw new PlatformException(404, ErrorKinds.NotFound, $"function '{name}' does not exist");
            if (!_runtimes.TryGetValue(f.Runtime, out int runtime))
            {
                var r = Store.GetRuntime(f.Runtime) ?? throw new PlatformException(500, "internal", $"function '{name}' names a missing runtime '{f.Runtime}'");
                _runtimes[r.Name] = runtime = await _driver.RegisterRuntimeAsync(new RuntimeInfo(r.Name, r.Image, r.MemoryBytes)).ConfigureAwait(false);
            }
            int index = await _driver.RegisterFunctionAsync(new FunctionInfo(f.Name, f.Version, runtime, InitBody(f))).ConfigureAwait(false);
            _functions[name] = (f.Version, index);
            return index;
        }
        finally
        {
            _registerLock.Release();
        }
    }

    /// <summary>The agent's <c>/init</c> body for a function version.</summary>
    public static byte[] InitBody(FunctionRecord f)
    {
        using var ms = new MemoryStream(f.Code.Length + 256);
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteStartObject("value");
            w.WriteString("name", f.Name);
            w.WriteString("main", f.Main);
            w.WriteString("code", f.Binary ? Convert.ToBase64String(f.Code) : Encoding.UTF8.GetString(f.Code));
            w.WriteBoolean("binary", f.Binary);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    /// <summary>The agent's <c>/run</c> body <c>{"value": args}</c>; throws <see cref="JsonException"/> when the arguments are not JSON.</summary>
    public static byte[] RunBody(string? argsJson)
    {
        if (string.IsNullOrWhiteSpace(argsJson)) return "{\"value\":{}}"u8.ToArray();
        using var doc = JsonDocument.Parse(argsJson);
        using var ms = new MemoryStream(argsJson.Length + 16);
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WritePropertyName("value");
            doc.RootElement.WriteTo(w);
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    private static void Check(string? problem)
    {
        if (problem is not null) throw new PlatformException(400, ErrorKinds.BadRequest, problem);
    }

    // ------------------------------------------------------------------ status

    public Task<PoolSnapshot> SnapshotAsync() => _driver.SnapshotAsync();

    /// <summary>Stops the pool (calls in flight get the drain timeout), removes every container of ours, closes the CSV.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _driver.DisposeAsync().ConfigureAwait(false);
        _csv?.Dispose();
        if (_ownsEngine) await _engine.DisposeAsync().ConfigureAwait(false); // its safety net: removes whatever of this process is left
        _registerLock.Dispose();
    }
}
