namespace Faas.Workloads.Traces;

/// <summary>
/// Calls per function per minute, read one minute at a time (the shape of the Azure 2019
/// invocation counts). A source belongs to one run: generated sources draw as they go.
/// </summary>
public interface IMinuteCountSource
{
    /// <summary>Minutes the source covers (minute 0 starts at time 0).</summary>
    int Minutes { get; }

    /// <summary>
    /// Writes the functions called in minute <paramref name="minute"/> and their counts (only
    /// non-zero counts, functions in increasing order) into the buffers, growing them if needed;
    /// returns how many entries were written. Minutes are asked in increasing order.
    /// </summary>
    int Read(int minute, ref int[] functions, ref int[] counts);
}
