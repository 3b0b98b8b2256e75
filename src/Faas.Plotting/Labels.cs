namespace Faas.Plotting;

/// <summary>Human-readable axis text for summary columns and sweep parameters.</summary>
internal static class Labels
{
    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        ["mean_interval_s"] = "mean time between calls of a function (s)",
        ["functions"] = "functions sharing the runtime",
        ["ttl_s"] = "keep-alive TTL (s)",
        ["pool_size"] = "pool size (containers)",
        ["window_s"] = "window (s)",
        ["exec_ms"] = "execution time (ms)",
    };

    private static readonly Dictionary<string, string> Metrics = new(StringComparer.Ordinal)
    {
        ["mean_ms"] = "mean latency",
        ["p50_ms"] = "median latency",
        ["p95_ms"] = "p95 latency",
        ["p99_ms"] = "p99 latency",
        ["cold_fraction"] = "cold-start fraction",
        ["idle_mem_gb_s"] = "idle memory",
        ["containers_created"] = "containers created",
        ["mean_containers"] = "mean live containers",
    };

    /// <summary>Axis text for sweep parameter <paramref name="name"/> (without the <c>param_</c> prefix), with its unit.</summary>
    public static string Parameter(string name)
    {
        if (Parameters.TryGetValue(name, out string? text))
        {
            return text;
        }

        foreach (var (suffix, unit) in new[] { ("_ms", "ms"), ("_s", "s"), ("_gb", "GB"), ("_mb", "MB") })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return $"{name[..^suffix.Length].Replace('_', ' ')} ({unit})";
            }
        }

        return name.Replace('_', ' ');
    }

    /// <summary>Short name of summary column <paramref name="column"/>.</summary>
    public static string Metric(string column) => Metrics.TryGetValue(column, out string? text) ? text : column.Replace('_', ' ');
}
