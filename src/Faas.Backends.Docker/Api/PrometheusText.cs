using System.Globalization;
using System.Text;
using Faas.Backends.Docker.Pool;

namespace Faas.Backends.Docker.Api;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format (version 0.0.4): calls by start type and
/// status, latency and overhead (total − exec) histograms by start type, pool sizes per runtime
/// and state, pool targets, queue length and container counters.
/// </summary>
public static class PrometheusText
{
    public static string Format(PoolSnapshot s)
    {
        var b = new StringBuilder(4096);
        string policy = Escape(s.Policy);

        b.AppendLine("# HELP faas_invocations_total Calls that ended, by start type (none: never got a container) and status.");
        b.AppendLine("# TYPE faas_invocations_total counter");
        foreach (var ((type, status), n) in s.Calls.OrderBy(kv => kv.Key))
            b.Append(CultureInfo.InvariantCulture, $"faas_invocations_total{{policy=\"{policy}\",start_type=\"{type}\",status=\"{status}\"}} {n}\n");

        Histogram(b, "faas_invocation_duration_seconds", "End-to-end latency of completed calls (arrival to result), by start type.", policy, s.Latency);
        Histogram(b, "faas_invocation_overhead_seconds", "Platform overhead of completed calls (total minus exec), by start type.", policy, s.Overhead);

        b.AppendLine("# HELP faas_pool_containers Containers per runtime and state.");
        b.AppendLine("# TYPE faas_pool_containers gauge");
        foreach (var r in s.Runtimes)
        {
            string rt = Escape(r.Runtime);
            b.Append(CultureInfo.InvariantCulture, $"faas_pool_containers{{runtime=\"{rt}\",state=\"idle\"}} {r.Idle}\n");
            b.Append(CultureInfo.InvariantCulture, $"faas_pool_containers{{runtime=\"{rt}\",state=\"starting\"}} {r.Starting}\n");
            b.Append(CultureInfo.InvariantCulture, $"faas_pool_containers{{runtime=\"{rt}\",state=\"busy\"}} {r.Busy}\n");
        }
        b.AppendLine("# HELP faas_pool_target The policy's pool target per runtime (-1: the policy keeps no pool).");
        b.AppendLine("# TYPE faas_pool_target gauge");
        foreach (var r in s.Runtimes)
            b.Append(CultureInfo.InvariantCulture, $"faas_pool_target{{runtime=\"{Escape(r.Runtime)}\"}} {r.Target}\n");
        b.AppendLine("# HELP faas_queue_length Calls waiting for capacity.");
        b.AppendLine("# TYPE faas_queue_length gauge");
        b.Append(CultureInfo.InvariantCulture, $"faas_queue_length {s.Queued}\n");
        b.AppendLine("# HELP faas_calls_in_flight Calls arrived and not yet ended.");
        b.AppendLine("# TYPE faas_calls_in_flight gauge");
        b.Append(CultureInfo.InvariantCulture, $"faas_calls_in_flight {s.CallsInFlight}\n");
        b.AppendLine("# HELP faas_containers_created_total Containers the policy started.");
        b.AppendLine("# TYPE faas_containers_created_total counter");
        b.Append(CultureInfo.InvariantCulture, $"faas_containers_created_total {s.ContainersCreated}\n");
        b.AppendLine("# HELP faas_container_start_failures_total Container starts that failed.");
        b.AppendLine("# TYPE faas_container_start_failures_total counter");
        b.Append(CultureInfo.InvariantCulture, $"faas_container_start_failures_total {s.ContainerStartFailures}\n");
        return b.ToString();
    }

    private static void Histogram(StringBuilder b, string name, string help, string policy, IReadOnlyDictionary<string, HistogramSnapshot> byType)
    {
        b.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n");
        b.Append(CultureInfo.InvariantCulture, $"# TYPE {name} histogram\n");
        foreach (var (type, h) in byType.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string labels = $"policy=\"{policy}\",start_type=\"{type}\"";
            for (int i = 0; i < h.UpperBounds.Count; i++)
                b.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{h.UpperBounds[i].ToString("0.####", CultureInfo.InvariantCulture)}\"}} {h.CumulativeCounts[i]}\n");
            b.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"+Inf\"}} {h.Count}\n");
            b.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {h.Sum.ToString("0.######", CultureInfo.InvariantCulture)}\n");
            b.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {h.Count}\n");
        }
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
