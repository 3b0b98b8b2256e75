using Faas.Platform.Results;

namespace Faas.Results;

/// <summary>The status names of <c>invocations.csv</c> (and of every other file and metric label that names how a call ended), spelled once.</summary>
public static class CallStatuses
{
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Dropped = "dropped";

    /// <summary>The name of <paramref name="status"/>.</summary>
    public static string Of(CallStatus status) => status switch
    {
        CallStatus.Completed => Completed,
        CallStatus.Failed => Failed,
        _ => Dropped,
    };
}
