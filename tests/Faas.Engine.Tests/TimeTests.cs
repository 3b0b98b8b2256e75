namespace Faas.Engine.Tests;

public class TimeTests
{
    [Theory]
    [InlineData(3_600_000_000L, "1h")]
    [InlineData(600_000_000L, "10m")]
    [InlineData(1_500_000L, "1500ms")]
    [InlineData(7L, "7us")]
    [InlineData(0L, "0s")]
    public void DurationsFormatWithTheLargestWholeUnit(long micros, string text) =>
        Assert.Equal(text, new SimDuration(micros).ToString());

    [Fact]
    public void ArithmeticStaysInIntegerMicroseconds()
    {
        var t = SimTime.Zero + SimDuration.FromMilliseconds(1.5) + SimDuration.FromSeconds(2);
        Assert.Equal(2_001_500, t.Micros);
        Assert.Equal(SimDuration.FromMicros(2_001_500), t - SimTime.Zero);
    }
}
