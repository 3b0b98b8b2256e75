namespace Faas.Platform;

/// <summary>
/// What a policy knows about the platform: runtimes and their container memory, functions and
/// their runtime and memory, and the cluster's memory. Functions can be added while running (the
/// Docker backend creates them on demand); policies read only, through indexes.
/// </summary>
public sealed class PlatformSpec
{
    private readonly List<string> _runtimeNames = [];
    private readonly List<long> _runtimeMemory = [];
    private readonly List<int> _functionRuntime = [];
    private readonly List<long> _functionMemory = [];
    private readonly List<int> _functionApp = [];
    private readonly List<double> _functionColdCost = [];
    private int _apps;

    /// <summary>Expected cold-start overhead (start + code injection) assumed when a function's is not given: 1 s, about a container start on Docker here.</summary>
    public const double DefaultColdCostSeconds = 1.0;

    /// <summary>One node of <paramref name="clusterMemoryBytes"/> (<see cref="long.MaxValue"/> for unlimited), no core limit.</summary>
    public PlatformSpec(long clusterMemoryBytes) : this(new ClusterSpec(clusterMemoryBytes)) { }

    public PlatformSpec(ClusterSpec cluster) => Cluster = cluster;

    /// <summary>The nodes and the placement rule.</summary>
    public ClusterSpec Cluster { get; }

    /// <summary>Total memory; <see cref="long.MaxValue"/> for unlimited.</summary>
    public long ClusterMemoryBytes => Cluster.MemoryBytes;

    public int RuntimeCount => _runtimeNames.Count;
    public int FunctionCount => _functionRuntime.Count;
    public string RuntimeName(int r) => _runtimeNames[r];
    public long RuntimeMemory(int r) => _runtimeMemory[r];
    public int FunctionRuntime(int f) => _functionRuntime[f];
    public long FunctionMemory(int f) => _functionMemory[f];

    /// <summary>The application of function <paramref name="f"/> (an index; a function without an app is alone in its own).</summary>
    public int FunctionApp(int f) => _functionApp[f];

    /// <summary>Number of distinct applications.</summary>
    public int AppCount => _apps;

    /// <summary>Expected extra time of a cold call over a warm one for <paramref name="f"/>, in seconds: mean container start plus mean code injection (the cost in FaasCache's priority).</summary>
    public double FunctionColdCostSeconds(int f) => _functionColdCost[f];

    /// <summary>The calls to come, for clairvoyant policies; set by the simulator before the policy runs, null elsewhere.</summary>
    public IFutureArrivals? Future { get; set; }

    public int AddRuntime(string name, long memoryBytes)
    {
        _runtimeNames.Add(name);
        _runtimeMemory.Add(memoryBytes);
        return _runtimeNames.Count - 1;
    }

    /// <param name="app">Application index from <see cref="NewApp"/>, or −1 for an app of its own.</param>
    /// <param name="coldCostSeconds">See <see cref="FunctionColdCostSeconds"/>; NaN for <see cref="DefaultColdCostSeconds"/>.</param>
    public int AddFunction(int runtime, long memoryBytes, int app = -1, double coldCostSeconds = double.NaN)
    {
        if ((uint)runtime >= (uint)_runtimeNames.Count) throw new ArgumentOutOfRangeException(nameof(runtime));
        if (app >= _apps) throw new ArgumentOutOfRangeException(nameof(app));
        _functionRuntime.Add(runtime);
        _functionMemory.Add(memoryBytes);
        _functionApp.Add(app >= 0 ? app : NewApp());
        _functionColdCost.Add(double.IsNaN(coldCostSeconds) ? DefaultColdCostSeconds : coldCostSeconds);
        return _functionRuntime.Count - 1;
    }

    /// <summary>Registers a new application and returns its index.</summary>
    public int NewApp() => _apps++;
}
