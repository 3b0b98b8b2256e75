namespace Faas.Platform;

/// <summary>What a policy asks its driver to do.</summary>
public enum ActionKind : byte
{
    /// <summary>Create and start a container of a runtime; report <see cref="IPoolPolicy.OnContainerReady"/> when its agent answers.</summary>
    StartContainer,

    /// <summary>Run a call on a container (inject the code first unless the start is warm); report <see cref="IPoolPolicy.OnCallCompleted"/>.</summary>
    Assign,

    /// <summary>Remove a container. Its memory is free for the policy at once; the driver removes it in the background.</summary>
    RemoveContainer,

    /// <summary>Call <see cref="IPoolPolicy.OnTimer"/> with the token at the given time (stale timers are ignored by the policy).</summary>
    SetTimer,

    /// <summary>The call is dropped (no capacity); it ends with status dropped.</summary>
    Reject,
}
