namespace Faas.Plotting;

/// <summary>
/// Reference values drawn over the crossover map (any may be null, then it is not drawn), all
/// in seconds: the keep-alive idle timeout, as a vertical line where a function's mean interval
/// equals it; the runtime's mean container start and the prewarm pool's window, each as the line
/// where the runtime as a whole is called once per that time (functions = interval / time).
/// They come from a run's manifest.json, since the CSVs do not hold them.
/// </summary>
public sealed record CrossoverMarks(double? KeepAliveTtlSeconds, double? RuntimeStartSeconds, double? PoolWindowSeconds)
{
    public static readonly CrossoverMarks None = new(null, null, null);
}
