namespace Faas.Results;

/// <summary>
/// timeseries.csv: one row per sample instant per runtime (written by <see cref="CsvRunObserver"/>),
/// and its reader: streams the file into one
/// <see cref="TimeSeriesTrace"/> per scenario and model, for the lowest-numbered replication
/// (replication 0 in simulator output) only.
/// </summary>
public static class TimeSeriesCsv
{
    /// <summary>File name a run writes its sampled pool state to.</summary>
    public const string FileName = ResultFiles.TimeSeries;

    public const string Scenario = "scenario", Model = "model", Replication = "replication", TimeS = "time_s", Runtime = "runtime",
        ArrivalsPerS = "arrivals_per_s", Idle = "containers_idle", Starting = "containers_starting", Busy = "containers_busy",
        PoolTarget = "pool_target", Queued = "queued";

    /// <summary>The columns in file order.</summary>
    public static readonly string[] Header = [Scenario, Model, Replication, TimeS, Runtime, ArrivalsPerS, Idle, Starting, Busy, PoolTarget, Queued];

    /// <summary>Most points a trace keeps; denser samples are averaged into equal-width time bins.</summary>
    public const int DefaultMaxPoints = 2000;

    /// <summary>
    /// Reads <paramref name="path"/>. Values of all runtimes at the same instant are summed;
    /// an empty cell counts as 0. Traces are ordered by scenario, then model, in order of first
    /// appearance.
    /// </summary>
    /// <exception cref="ResultsFormatException">A required column is missing or a value is not numeric.</exception>
    public static IReadOnlyList<TimeSeriesTrace> Read(string path, int maxPoints = DefaultMaxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        using var csv = CsvRowReader.Open(path);
        int scenario = csv.Require(Scenario);
        int model = csv.Require(Model);
        int replication = csv.Require(Replication);
        int time = csv.Require(TimeS);
        int arrivals = csv.Require(ArrivalsPerS);
        int idle = csv.Require(Idle);
        int starting = csv.Require(Starting);
        int busy = csv.Require(Busy);
        int target = csv.Optional(PoolTarget);

        var traces = new Dictionary<(string, string), Accumulator>();
        var order = new List<(string, string)>();
        while (csv.Read())
        {
            var key = (csv.Text(scenario), csv.Text(model));
            long rep = csv.Integer(replication);
            if (!traces.TryGetValue(key, out var acc))
            {
                acc = new Accumulator(rep);
                traces[key] = acc;
                order.Add(key);
            }
            else if (rep < acc.Replication)
            {
                acc.Reset(rep);
            }

            if (rep != acc.Replication)
            {
                continue;
            }

            double t = csv.RequiredDouble(time);
            acc.Add(t,
                ZeroIfMissing(csv.Double(arrivals)),
                ZeroIfMissing(csv.Double(idle)),
                ZeroIfMissing(csv.Double(starting)),
                ZeroIfMissing(csv.Double(busy)),
                ZeroIfMissing(csv.Double(target)));
        }

        return order.Select(k => traces[k].ToTrace(k.Item1, k.Item2, maxPoints)).ToList();
    }

    private static double ZeroIfMissing(double v) => double.IsNaN(v) ? 0 : v;

    /// <summary>Sums per instant for one (scenario, model, replication).</summary>
    private sealed class Accumulator(long replication)
    {
        private const int Fields = 5;
        private readonly Dictionary<double, int> _index = [];
        private readonly List<double> _times = [];
        private readonly List<double> _sums = [];

        public long Replication { get; private set; } = replication;

        public void Reset(long replication)
        {
            Replication = replication;
            _index.Clear();
            _times.Clear();
            _sums.Clear();
        }

        public void Add(double t, double a, double i, double s, double b, double p)
        {
            if (!_index.TryGetValue(t, out int row))
            {
                row = _times.Count;
                _index[t] = row;
                _times.Add(t);
                for (int k = 0; k < Fields; k++)
                {
                    _sums.Add(0);
                }
            }

            int o = row * Fields;
            _sums[o] += a;
            _sums[o + 1] += i;
            _sums[o + 2] += s;
            _sums[o + 3] += b;
            _sums[o + 4] += p;
        }

        public TimeSeriesTrace ToTrace(string scenario, string model, int maxPoints)
        {
            int n = _times.Count;
            int[] byTime = Enumerable.Range(0, n).OrderBy(r => _times[r]).ToArray();
            int bins = Math.Min(n, maxPoints);
            var cols = new List<double>[Fields + 1];
            for (int k = 0; k < cols.Length; k++)
            {
                cols[k] = new List<double>(bins);
            }

            if (n > 0)
            {
                double t0 = _times[byTime[0]];
                double span = _times[byTime[^1]] - t0;

                // Equal-width bins in time; with n <= maxPoints every instant is its own bin.
                int BinOf(int r) => n <= maxPoints
                    ? r
                    : Math.Min(bins - 1, (int)((_times[byTime[r]] - t0) / span * bins));

                int r = 0;
                while (r < n)
                {
                    int bin = BinOf(r);
                    var sum = new double[Fields + 1];
                    int count = 0;
                    for (; r < n && BinOf(r) == bin; r++, count++)
                    {
                        int row = byTime[r];
                        sum[0] += _times[row];
                        for (int k = 0; k < Fields; k++)
                        {
                            sum[k + 1] += _sums[(row * Fields) + k];
                        }
                    }

                    for (int k = 0; k < sum.Length; k++)
                    {
                        cols[k].Add(sum[k] / count);
                    }
                }
            }

            return new TimeSeriesTrace(scenario, model, (int)Replication,
                cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]);
        }
    }
}
