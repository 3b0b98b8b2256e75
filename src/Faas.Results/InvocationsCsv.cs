namespace Faas.Results;

/// <summary>
/// invocations.csv: one row per call (written by <see cref="CsvRunObserver"/>), and its reader into
/// latency CDF curves (only the scenario, model, start_type, latency_ms and status columns are
/// read; other columns are skipped unparsed).
/// </summary>
public static class InvocationsCsv
{
    /// <summary>File name a run writes per-call records to (absent for huge runs).</summary>
    public const string FileName = ResultFiles.Invocations;

    public const string Scenario = "scenario", Model = "model", Replication = "replication", Invocation = "invocation", Function = "function",
        Runtime = "runtime", ArrivalS = "arrival_s", StartType = "start_type", QueueMs = "queue_ms", StartupMs = "startup_ms", InitMs = "init_ms",
        ExecMs = "exec_ms", LatencyMs = "latency_ms", Status = "status";

    /// <summary>The columns in file order.</summary>
    public static readonly string[] Header =
        [Scenario, Model, Replication, Invocation, Function, Runtime, ArrivalS, StartType, QueueMs, StartupMs, InitMs, ExecMs, LatencyMs, Status];

    /// <summary>Most points any curve keeps, so a chart of 10^6 calls stays small and fast.</summary>
    public const int DefaultMaxPoints = 2000;

    /// <summary>
    /// Latencies below this (ms) are drawn at this value, since a log axis cannot show zero;
    /// one microsecond is below any real start path.
    /// </summary>
    public const double MinPlottableLatencyMs = 0.001;

    /// <summary>
    /// Reads <paramref name="path"/> and returns, for each scenario, model and start type
    /// (<see cref="StartTypes.All"/>, cold, prewarm, warm and any other value found), the CDF of
    /// latency over completed calls of all replications pooled. Rows whose status is not
    /// <c>completed</c> are skipped (they have no latency to plot). Curves are ordered by
    /// scenario, then model in order of first appearance, then start type (all first).
    /// </summary>
    /// <param name="path">The invocations CSV.</param>
    /// <param name="maxPoints">Upper bound on points per curve (at least 2).</param>
    /// <exception cref="ResultsFormatException">A required column is missing or a completed row has a non-numeric latency.</exception>
    public static IReadOnlyList<LatencyCurve> ReadLatencyCurves(string path, int maxPoints = DefaultMaxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        using var csv = CsvRowReader.Open(path);
        int scenario = csv.Require(Scenario);
        int model = csv.Require(Model);
        int startType = csv.Require(StartType);
        int latency = csv.Require(LatencyMs);
        int status = csv.Require(Status);

        // (scenario, model, start type) -> samples; insertion order is kept by the key list.
        var samples = new Dictionary<(string Scenario, string Model, string Start), List<double>>();
        var order = new List<(string Scenario, string Model, string Start)>();
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);

        while (csv.Read())
        {
            string st = csv.Text(status);
            if (!string.Equals(st, CallStatuses.Completed, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            double ms = csv.Double(latency);
            if (!double.IsFinite(ms) || ms < 0)
            {
                throw csv.Bad(latency, csv.Text(latency), "a non-negative latency in ms for a completed call");
            }

            string sc = Intern(interned, csv.Text(scenario));
            string mo = Intern(interned, csv.Text(model));
            string start = Intern(interned, csv.Text(startType).ToLowerInvariant());
            Add(samples, order, (sc, mo, StartTypes.All), ms);
            if (start.Length > 0)
            {
                Add(samples, order, (sc, mo, start), ms);
            }
        }

        var curves = new List<LatencyCurve>(order.Count);
        var scenarios = order.Select(k => k.Scenario).Distinct().ToList();
        foreach (string sc in scenarios)
        {
            var models = order.Where(k => k.Scenario == sc).Select(k => k.Model).Distinct().ToList();
            foreach (string mo in models)
            {
                var starts = order.Where(k => k.Scenario == sc && k.Model == mo).Select(k => k.Start)
                    .OrderBy(StartRank).ThenBy(s => s, StringComparer.Ordinal);
                foreach (string start in starts)
                {
                    curves.Add(ToCurve(sc, mo, start, samples[(sc, mo, start)], maxPoints));
                }
            }
        }

        return curves;
    }

    /// <summary>
    /// Sorts <paramref name="values"/> in place and keeps at most <paramref name="maxPoints"/>
    /// points of its empirical CDF, evenly spaced in rank so each step in fraction is at most
    /// 1/(maxPoints-1); the minimum and maximum are always kept.
    /// </summary>
    internal static LatencyCurve ToCurve(string scenario, string model, string start, List<double> values, int maxPoints)
    {
        values.Sort();
        int n = values.Count;
        int m = Math.Min(n, maxPoints);
        var xs = new double[m];
        var ys = new double[m];
        for (int j = 0; j < m; j++)
        {
            int k = m == n ? j : (int)Math.Round((double)j * (n - 1) / (m - 1));
            xs[j] = Math.Max(values[k], MinPlottableLatencyMs);
            ys[j] = (k + 1) / (double)n;
        }

        return new LatencyCurve(scenario, model, start, n, xs, ys);
    }

    private static int StartRank(string start) => start switch
    {
        StartTypes.All => 0,
        StartTypes.Cold => 1,
        StartTypes.Prewarm => 2,
        StartTypes.Warm => 3,
        _ => 4,
    };

    private static void Add(
        Dictionary<(string, string, string), List<double>> samples,
        List<(string, string, string)> order,
        (string, string, string) key,
        double value)
    {
        if (!samples.TryGetValue(key, out var list))
        {
            list = [];
            samples[key] = list;
            order.Add(key);
        }

        list.Add(value);
    }

    private static string Intern(Dictionary<string, string> pool, string s)
    {
        if (pool.TryGetValue(s, out string? existing))
        {
            return existing;
        }

        pool[s] = s;
        return s;
    }
}
