using Faas.Platform.Results;

namespace Faas.TestSupport;

/// <summary>
/// Collects what a run reports: every ended call and every sample (for small runs), or only the
/// count with <c>keepRecords: false</c> (for runs too large to hold). Safe for a driver that reports
/// from its own thread; read after the run.
/// </summary>
public sealed class CollectingObserver(bool keepRecords = true) : IRunObserver
{
    private readonly object _gate = new();
    private long _count;

    public List<InvocationRecord> Records { get; } = [];
    public List<TimeSample> Samples { get; } = [];

    /// <summary>Calls reported so far (also without <c>keepRecords</c>).</summary>
    public long Count => Interlocked.Read(ref _count);

    public void OnInvocation(in InvocationRecord record)
    {
        Interlocked.Increment(ref _count);
        if (!keepRecords) return;
        lock (_gate) Records.Add(record);
    }

    public void OnSample(in TimeSample sample)
    {
        lock (_gate) Samples.Add(sample);
    }
}
