namespace Faas.Platform.Results;

/// <summary>How a call ended. Every arrival ends as exactly one of these.</summary>
public enum CallStatus : byte
{
    Completed,

    /// <summary>It ran but its function failed (error, timeout, out of memory, container crash).</summary>
    Failed,

    /// <summary>The platform refused it (no capacity) and it never ran.</summary>
    Dropped,
}
