namespace Faas.Platform.Containers;

/// <summary>
/// Where a container is filed in the idle lists: the links of the two intrusive lists it is in
/// while idle (its key's and its node's) and when it joined them. Embedded in its
/// <see cref="ContainerRecord"/>, so walking or relinking a list touches the same memory as reading
/// the container; only <see cref="IdleLists"/> writes it (a new container starts <see cref="Unlisted"/>).
/// </summary>
internal struct IdleLink
{
    /// <summary>The key it is filed under; −1 while it is not idle.</summary>
    public int Key;

    /// <summary>The node whose LRU list it is in (meaningful while idle).</summary>
    public int Node;

    /// <summary>Neighbours in the key's list and in the node's list (older: Prev, more recent: Next), −1 at the ends.</summary>
    public int PrevKey, NextKey, PrevLru, NextLru;

    /// <summary>When it last became idle, in µs (0 if it never did); kept after it leaves the lists.</summary>
    public long Since;

    /// <summary>In no list and never idle: what a new container starts with.</summary>
    public static IdleLink Unlisted => new() { Key = -1, PrevKey = -1, NextKey = -1, PrevLru = -1, NextLru = -1 };
}
