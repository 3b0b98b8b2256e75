using System.Text;

namespace Faas.Engine;

/// <summary>
/// Derives independent random streams from one root seed. Each source of randomness (the
/// arrivals of one function, its execution times, one runtime's cold starts, ...) gets its own
/// stream keyed by a stable name, so adding a draw in one place never shifts another.
/// </summary>
public static class SeedSequence
{
    /// <summary>The seed of replication <paramref name="replication"/> of a scenario with root <paramref name="rootSeed"/>.</summary>
    public static ulong Replication(ulong rootSeed, int replication) =>
        SplitMix(rootSeed ^ SplitMix(0x9E3779B97F4A7C15UL * (ulong)(replication + 1)));

    /// <summary>The generator for source <paramref name="key"/> within a replication seeded <paramref name="replicationSeed"/>.</summary>
    public static Pcg32Random Stream(ulong replicationSeed, string key)
    {
        ulong h = Fnv1a(key);
        return new Pcg32Random(SplitMix(replicationSeed ^ h), SplitMix(h + 0x632BE59BD9B4E019UL));
    }

    /// <summary>SplitMix64 finaliser: a bijective mix of 64 bits.</summary>
    public static ulong SplitMix(ulong z)
    {
        z = unchecked(z + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a over the UTF-8 bytes of <paramref name="key"/>: stable across processes (unlike string.GetHashCode).</summary>
    public static ulong Fnv1a(string key)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(key))
        {
            h ^= b;
            h = unchecked(h * 1099511628211UL);
        }
        return h;
    }
}
