using Faas.Workloads.Scenarios;

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

    public PlatformSpec(long clusterMemoryBytes) => ClusterMemoryBytes = clusterMemoryBytes;

    /// <summary>Total memory; <see cref="long.MaxValue"/> for unlimited.</summary>
    public long ClusterMemoryBytes { get; }

    public int RuntimeCount => _runtimeNames.Count;
    public int FunctionCount => _functionRuntime.Count;
    public string RuntimeName(int r) => _runtimeNames[r];
    public long RuntimeMemory(int r) => _runtimeMemory[r];
    public int FunctionRuntime(int f) => _functionRuntime[f];
    public long FunctionMemory(int f) => _functionMemory[f];

    public int AddRuntime(string name, long memoryBytes)
    {
        _runtimeNames.Add(name);
        _runtimeMemory.Add(memoryBytes);
        return _runtimeNames.Count - 1;
    }

    public int AddFunction(int runtime, long memoryBytes)
    {
        if ((uint)runtime >= (uint)_runtimeNames.Count) throw new ArgumentOutOfRangeException(nameof(runtime));
        _functionRuntime.Add(runtime);
        _functionMemory.Add(memoryBytes);
        return _functionRuntime.Count - 1;
    }

    /// <summary>The platform a scenario describes (function and runtime indexes are the scenario's).</summary>
    public static PlatformSpec From(Scenario s)
    {
        var p = new PlatformSpec(s.Cluster.MemoryBytes);
        foreach (var r in s.Runtimes) p.AddRuntime(r.Name, r.MemoryBytes);
        foreach (var f in s.Functions) p.AddFunction(f.RuntimeIndex, f.MemoryBytes);
        return p;
    }
}
