namespace Faas.Platform;

/// <summary>The life of a container as a policy sees it: Starting → Idle ⇄ Busy → removed (Free).</summary>
public enum ContainerState : byte
{
    /// <summary>The slot holds no container.</summary>
    Free,

    /// <summary>Being created and started; its agent does not answer yet.</summary>
    Starting,

    /// <summary>Running, not serving a call: warm (holds a function's code) or prewarmed (generic).</summary>
    Idle,

    /// <summary>Serving a call.</summary>
    Busy,
}
