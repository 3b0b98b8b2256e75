using System.CommandLine;
using Faas.Backends.Docker.Engine;
using Faas.Backends.Docker.Pool;
using Faas.Backends.Docker.Store;
using Faas.Engine;
using Faas.Experiments;
using Faas.Results;

namespace Faas.Cli.Commands;

/// <summary>The options shared by <c>serve</c> and <c>docker-bench</c>: limits of the Docker driver and how to parse them.</summary>
public sealed class RealModeOptions
{
    public Option<string> CallTimeout { get; } = new("--call-timeout") { Description = "Per-call limit (code injection + run); the container is killed when it passes (default 60s).", DefaultValueFactory = _ => "60s" };
    public Option<string> DockerTimeout { get; } = new("--docker-timeout") { Description = "Limit on every Docker API call and on a container becoming ready (default 30s).", DefaultValueFactory = _ => "30s" };
    public Option<int> MaxParallelStarts { get; } = new("--max-parallel-starts") { Description = "Container starts in flight at once (default 4).", DefaultValueFactory = _ => 4 };
    public Option<string> Capacity { get; } = new("--capacity") { Description = "Memory all function containers together may use (default 4GiB).", DefaultValueFactory = _ => "4GiB" };
    public Option<double> Cpus { get; } = new("--cpus") { Description = "CPU limit per container (default 1).", DefaultValueFactory = _ => 1.0 };
    public Option<int> PidsLimit { get; } = new("--pids-limit") { Description = "Process/thread limit per container (default 64).", DefaultValueFactory = _ => 64 };

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(CallTimeout);
        cmd.Options.Add(DockerTimeout);
        cmd.Options.Add(MaxParallelStarts);
        cmd.Options.Add(Capacity);
        cmd.Options.Add(Cpus);
        cmd.Options.Add(PidsLimit);
    }

    public PoolDriverOptions Driver(ParseResult p)
    {
        int starts = p.GetValue(MaxParallelStarts);
        if (starts < 1 || starts > 64) throw new BadInputException("--max-parallel-starts must be between 1 and 64");
        double cpus = p.GetValue(Cpus);
        if (!(cpus >= 0.01 && cpus <= 64)) throw new BadInputException("--cpus must be between 0.01 and 64");
        int pids = p.GetValue(PidsLimit);
        if (pids < 8) throw new BadInputException("--pids-limit must be at least 8 (the agent needs a few threads)");
        return PoolDriverOptions.Default with
        {
            CallTimeout = Duration(p.GetValue(CallTimeout)!, "--call-timeout"),
            MaxParallelStarts = starts,
            NanoCpus = (long)Math.Round(cpus * 1e9),
            PidsLimit = pids,
            ClusterMemoryBytes = Memory(p.GetValue(Capacity)!, "--capacity"),
        };
    }

    public DockerEngineOptions Engine(ParseResult p)
    {
        var t = Duration(p.GetValue(DockerTimeout)!, "--docker-timeout");
        return DockerEngineOptions.Default with { DockerTimeout = t, ReadyTimeout = t };
    }

    public static TimeSpan Duration(string text, string option)
    {
        var d = Units.TryParseDuration(text, out var error) ?? throw new BadInputException($"{option}: {error}");
        if (d.Micros <= 0 || d.IsInfinite || d > SimDuration.FromHours(24)) throw new BadInputException($"{option}: expected a duration between 1us and 24h, got '{text}'");
        return TimeSpan.FromTicks(d.Micros * 10);
    }

    public static long Memory(string text, string option) =>
        Units.TryParseMemory(text, out var error) ?? throw new BadInputException($"{option}: {error}");

    /// <summary>Parses repeated <c>key=value</c> policy options.</summary>
    public static Dictionary<string, string> PolicyOptions(IEnumerable<string>? pairs)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0 || eq == pair.Length - 1) throw new BadInputException($"--opt expects key=value (e.g. --opt ttl=10m), got '{pair}'");
            d[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return d;
    }

    /// <summary>The default invocations.csv: next to the default database.</summary>
    public static string DefaultCsv(string db) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(db))!, InvocationsCsv.FileName);

    public static string DefaultDb() => FunctionStore.DefaultPath();
}
