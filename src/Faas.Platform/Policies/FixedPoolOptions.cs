namespace Faas.Platform.Policies;

/// <summary>Options of <see cref="FixedPoolPolicy"/>.</summary>
/// <param name="Size">Always-warm containers per function.</param>
public sealed record FixedPoolOptions(int Size)
{
    public static readonly FixedPoolOptions Default = new(1);
}
