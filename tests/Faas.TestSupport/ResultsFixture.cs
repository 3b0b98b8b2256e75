using System.Globalization;
using System.Text;

namespace Faas.TestSupport;

/// <summary>
/// Writes small but realistic result CSVs into a fresh temporary folder: per-call records,
/// per-replication summaries and a sampled time series, with the column layout a run writes.
/// Values are drawn from a seeded generator so every test sees the same files.
/// </summary>
public sealed class ResultsFixture : IDisposable
{
    public const string InvocationsHeader =
        "scenario,model,replication,invocation,function,runtime,arrival_s,start_type,queue_ms,startup_ms,init_ms,exec_ms,latency_ms,status";

    public const string SummaryHeader =
        "scenario,model,replication,seed,invocations,cold,prewarm,warm,failed,dropped,p50_ms,p95_ms,p99_ms,mean_ms,idle_mem_gb_s,containers_created,cold_fraction,mean_containers,mean_busy_containers,mean_idle_containers";

    public const string TimeSeriesHeader =
        "scenario,model,replication,time_s,runtime,arrivals_per_s,containers_idle,containers_starting,containers_busy,pool_target";

    /// <summary>Start-type probabilities (cold, prewarm, warm) of each fixture model.</summary>
    public static readonly (string Model, double Cold, double Prewarm, double Warm, double IdleGbS)[] Models =
    [
        ("cold-only", 1.0, 0.0, 0.0, 0.0),
        ("keep-alive", 0.12, 0.0, 0.88, 420.0),
        ("prewarm-pool", 0.04, 0.96, 0.0, 95.0),
    ];

    public ResultsFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "faas-plot-" + Guid.NewGuid().ToString("N"));
        ResultsDir = Path.Combine(Root, "results");
        ChartsDir = Path.Combine(Root, "charts");
        Directory.CreateDirectory(ResultsDir);
    }

    public string Root { get; }

    public string ResultsDir { get; }

    public string ChartsDir { get; }

    public string SummaryPath => Path.Combine(ResultsDir, "summary.csv");

    public string InvocationsPath => Path.Combine(ResultsDir, "invocations.csv");

    public string TimeSeriesPath => Path.Combine(ResultsDir, "timeseries.csv");

    /// <summary>Writes all three CSVs for <paramref name="scenario"/> with the given replication count and calls per model and replication.</summary>
    public ResultsFixture WriteRun(string scenario = "claim3", int replications = 2, int callsPerRun = 300, string? dir = null)
    {
        dir ??= ResultsDir;
        Directory.CreateDirectory(dir);
        var rng = new Random(1234);
        var inv = new StringBuilder(InvocationsHeader).Append('\n');
        var sum = new StringBuilder(SummaryHeader).Append('\n');
        foreach (var (model, pCold, pPrewarm, _, idle) in Models)
        {
            for (int rep = 0; rep < replications; rep++)
            {
                int cold = 0, prewarm = 0, warm = 0, dropped = 0;
                var latencies = new List<double>();
                for (int i = 0; i < callsPerRun; i++)
                {
                    double arrival = i * 0.5;
                    string fn = "f" + (i % 4).ToString(CultureInfo.InvariantCulture);
                    string runtime = i % 4 < 2 ? "python" : "node";
                    if (rng.NextDouble() < 0.01)
                    {
                        dropped++;
                        inv.Append(Csv(scenario, model, rep, i, fn, runtime, arrival, "", "", "", "", "", "", "dropped"));
                        continue;
                    }

                    double u = rng.NextDouble();
                    string start = u < pCold ? "cold" : u < pCold + pPrewarm ? "prewarm" : "warm";
                    double startup = start == "cold" ? 900 + (rng.NextDouble() * 400) : 0;
                    double init = start == "warm" ? 0 : 40 + (rng.NextDouble() * 30);
                    double exec = 2 + (rng.NextDouble() * 20);
                    double queue = rng.NextDouble() < 0.1 ? rng.NextDouble() * 50 : 0;
                    double latency = queue + startup + init + exec;
                    latencies.Add(latency);
                    _ = start switch { "cold" => cold++, "prewarm" => prewarm++, _ => warm++ };
                    inv.Append(Csv(scenario, model, rep, i, fn, runtime, arrival, start, queue, startup, init, exec, latency, "completed"));
                }

                latencies.Sort();
                double P(double q) => latencies[(int)Math.Min(latencies.Count - 1, q * latencies.Count)];
                int started = cold + prewarm + warm;
                sum.Append(Csv(scenario, model, rep, 1000 + rep, callsPerRun, cold, prewarm, warm, 0, dropped,
                    P(0.5), P(0.95), P(0.99), latencies.Average(), idle * (0.9 + (0.2 * rng.NextDouble())),
                    cold + 3, (double)cold / started, 4.2, 1.1, 3.1));
            }
        }

        File.WriteAllText(Path.Combine(dir, "invocations.csv"), inv.ToString());
        File.WriteAllText(Path.Combine(dir, "summary.csv"), sum.ToString());

        var ts = new StringBuilder(TimeSeriesHeader).Append('\n');
        foreach (var (model, _, pPrewarm, _, _) in Models)
        {
            for (int rep = 0; rep < replications; rep++)
            {
                for (int t = 0; t <= 150; t++)
                {
                    foreach (string runtime in new[] { "python", "node" })
                    {
                        double load = 1 + Math.Sin(t / 20.0);
                        double busy = Math.Round(load * 1.5 * rng.NextDouble());
                        double starting = rng.NextDouble() < 0.2 ? 1 : 0;
                        double idleC = model == "cold-only" ? 0 : Math.Round(2 + (2 * rng.NextDouble()));
                        double target = pPrewarm > 0 ? 3 : 0;
                        ts.Append(Csv(scenario, model, rep, t, runtime, load, idleC, starting, busy, target));
                    }
                }
            }
        }

        File.WriteAllText(Path.Combine(dir, "timeseries.csv"), ts.ToString());
        return this;
    }

    /// <summary>
    /// Writes only summary.csv for a two-parameter sweep of keep-alive and prewarm-pool over
    /// mean call interval and function count, with param_* columns.
    /// </summary>
    public ResultsFixture WriteSweepSummary(string scenario = "crossover", int replications = 2)
    {
        var rng = new Random(99);
        var sum = new StringBuilder(SummaryHeader).Append(",param_mean_interval_s,param_functions\n");
        foreach (double interval in new[] { 1.0, 10, 60, 300 })
        {
            foreach (int functions in new[] { 1, 5, 20 })
            {
                foreach (string model in new[] { "keep-alive", "prewarm-pool" })
                {
                    for (int rep = 0; rep < replications; rep++)
                    {
                        // keep-alive goes cold once the interval exceeds its 60 s TTL; the pool pays a fixed injection cost.
                        double coldFrac = model == "keep-alive" ? (interval >= 60 ? 0.9 : 0.05) : 0.02 + (0.01 * functions);
                        double mean = model == "keep-alive" ? 10 + (coldFrac * 1100) : 60 + (coldFrac * 1100);
                        mean *= 0.95 + (0.1 * rng.NextDouble());
                        int n = 1000;
                        int cold = (int)(coldFrac * n);
                        int prewarm = model == "prewarm-pool" ? n - cold : 0;
                        int warm = n - cold - prewarm;
                        sum.Append(Csv(scenario, model, rep, 7 + rep, n, cold, prewarm, warm, 0, 0, mean * 0.5, mean * 3, mean * 5, mean,
                            model == "keep-alive" ? 3000.0 / interval * functions : 50.0, cold, coldFrac, 3, 1, 2).TrimEnd('\n'));
                        sum.Append(',').Append(interval.ToString(CultureInfo.InvariantCulture)).Append(',')
                            .Append(functions.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    }
                }
            }
        }

        File.WriteAllText(SummaryPath, sum.ToString());
        return this;
    }

    public static string Csv(params object[] fields) =>
        string.Join(",", fields.Select(f => f switch
        {
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
            _ => f.ToString(),
        })) + "\n";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
