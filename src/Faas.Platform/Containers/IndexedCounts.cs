namespace Faas.Platform.Containers;

/// <summary>
/// Arrays indexed by a small dense id (a runtime, a key, a slot) that grow on first use of an index,
/// so callers need not know the ids in advance. Growth doubles (amortised O(1), and no allocation
/// once a run's ids have all been seen: the hot loop stays allocation-free).
/// </summary>
internal static class IndexedCounts
{
    /// <summary>Makes <paramref name="array"/> long enough for <paramref name="index"/>, new cells set to <paramref name="fill"/>; returns it.</summary>
    public static int[] Grow(ref int[] array, int index, int fill = 0)
    {
        if (index >= array.Length)
        {
            int old = array.Length;
            Array.Resize(ref array, Math.Max(index + 1, old * 2));
            if (fill != 0) array.AsSpan(old).Fill(fill);
        }
        return array;
    }

    /// <summary><paramref name="array"/>[<paramref name="index"/>], or 0 for an index never grown to.</summary>
    public static int At(int[] array, int index) => index < array.Length ? array[index] : 0;
}
