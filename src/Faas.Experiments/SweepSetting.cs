namespace Faas.Experiments;

/// <summary>The value one sweep parameter takes at one point of the grid.</summary>
public sealed record SweepSetting(SweepParameter Parameter, int ValueIndex)
{
    /// <summary>The value as written in the scenario, e.g. <c>15m</c>.</summary>
    public string Raw => Parameter.Axis.Values[ValueIndex].Raw;

    /// <summary>Its numeric form for CSVs (seconds, GB or the number).</summary>
    public double Value => Parameter.Numeric[ValueIndex];

    public override string ToString() => $"{Parameter.Path}={Raw}";
}
