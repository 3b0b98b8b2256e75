namespace Faas.Engine;

/// <summary>
/// PCG-XSH-RR 32-bit generator (O'Neill 2014) exposed as a <see cref="Random"/> so that
/// MathNet.Numerics samplers can draw from it. Seeded explicitly, never from the clock; the
/// same (seed, stream) pair always yields the same sequence on every platform.
/// </summary>
public sealed class Pcg32Random : Random
{
    private const ulong Multiplier = 6364136223846793005UL;
    private ulong _state;
    private readonly ulong _increment;

    /// <summary>Creates a generator for <paramref name="seed"/> on stream <paramref name="stream"/> (any 64-bit value).</summary>
    public Pcg32Random(ulong seed, ulong stream = 0x5851F42D4C957F2DUL)
    {
        _increment = (stream << 1) | 1UL;
        _state = 0;
        NextUInt();
        _state += seed;
        NextUInt();
    }

    /// <summary>Next 32 uniformly distributed bits.</summary>
    public uint NextUInt()
    {
        ulong old = _state;
        _state = unchecked(old * Multiplier + _increment);
        uint xorshifted = (uint)(((old >> 18) ^ old) >> 27);
        int rot = (int)(old >> 59);
        return (xorshifted >> rot) | (xorshifted << ((-rot) & 31));
    }

    /// <summary>A double uniform in [0, 1) with 53 random bits.</summary>
    public override double NextDouble()
    {
        ulong bits = ((ulong)NextUInt() << 21) ^ NextUInt();
        return (bits & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));
    }

    /// <summary>A double uniform in (0, 1): safe to take the logarithm of.</summary>
    public double NextOpenDouble()
    {
        double u;
        do { u = NextDouble(); } while (u == 0.0);
        return u;
    }

    protected override double Sample() => NextDouble();

    public override int Next() => (int)(NextUInt() >> 1);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)(NextDouble() * maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        if (minValue > maxValue) throw new ArgumentOutOfRangeException(nameof(minValue));
        return minValue + (int)(NextDouble() * ((long)maxValue - minValue));
    }

    public override long NextInt64() => (long)((((ulong)NextUInt() << 32) | NextUInt()) >> 1);

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)NextUInt();
    }
}
