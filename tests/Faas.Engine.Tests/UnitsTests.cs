namespace Faas.Engine.Tests;

public class UnitsTests
{
    [Theory]
    [InlineData("250us", 250)]
    [InlineData("8ms", 8_000)]
    [InlineData("1.6s", 1_600_000)]
    [InlineData("10m", 600_000_000)]
    [InlineData("6h", 21_600_000_000)]
    [InlineData("1d", 86_400_000_000)]
    [InlineData(" 2 s ", 2_000_000)]
    public void ParsesDurationsWithUnits(string text, long micros)
    {
        Assert.Equal(micros, Units.TryParseDuration(text, out var err)!.Value.Micros);
        Assert.Null(err);
    }

    [Theory]
    [InlineData("10", "with a unit")]
    [InlineData("10 parsecs", "unknown duration unit")]
    [InlineData("-5s", "negative")]
    [InlineData("fast", "with a unit")]
    public void RejectsBadDurationsWithAReason(string text, string reason)
    {
        Assert.Null(Units.TryParseDuration(text, out var err));
        Assert.Contains(reason, err);
    }

    [Theory]
    [InlineData("128MiB", 134_217_728)]
    [InlineData("8GiB", 8_589_934_592)]
    [InlineData("512MB", 512_000_000)]
    public void ParsesMemory(string text, long bytes) => Assert.Equal(bytes, Units.TryParseMemory(text, out _));

    [Theory]
    [InlineData("128")]
    [InlineData("0MiB")]
    [InlineData("12 bananas")]
    public void RejectsBadMemory(string text) => Assert.Null(Units.TryParseMemory(text, out _));
}
