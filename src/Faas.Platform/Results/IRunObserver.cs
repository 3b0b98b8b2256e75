namespace Faas.Platform.Results;

/// <summary>
/// Receives what a run produces as it happens, so a run of 10^8 calls never holds them in memory:
/// each ended call, and the time-series samples. Implementations write CSV (Reporting) or collect
/// in tests. Called from the run's single thread.
/// </summary>
public interface IRunObserver
{
    void OnInvocation(in InvocationRecord record);

    void OnSample(in TimeSample sample);
}
