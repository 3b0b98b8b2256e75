using Faas.Platform.Results;

namespace Faas.Platform.Tests;

/// <summary>The one place a call's instants become its phases (simulator, Docker driver and replay alike).</summary>
public class CallTimelineTests
{
    [Fact]
    public void AColdCallQueuesUntilItsStartAndStartsUntilItIsAssigned()
    {
        var t = new CallTimeline(Arrival: 100, StartIssued: 150, Assigned: 1150, InitStart: 1150, InitDone: 1160, Done: 1360);
        Assert.Equal(50, t.QueueMicros);
        Assert.Equal(1000, t.StartupMicros);
        Assert.Equal(10, t.InitMicros);
        Assert.Equal(200, t.ExecMicros);
        Assert.Equal(1260, t.TotalMicros);
        var r = t.ToRecord(3, 1, 0, CallStatus.Completed, StartType.Cold, 7);
        Assert.Equal((100L, 50L, 1000L, 10L, 200L, 1260L, 7L), (r.Arrival.Micros, r.Queue.Micros, r.Startup.Micros, r.Init.Micros, r.Exec.Micros, r.Latency.Micros, r.Container));
    }

    [Fact]
    public void AWarmCallQueuesUntilItIsAssignedAndHasNoStartOrInjection()
    {
        var t = new CallTimeline(100, CallTimeline.NoStart, 130, 130, 130, 330);
        Assert.Equal((30L, 0L, 0L, 200L, 230L), (t.QueueMicros, t.StartupMicros, t.InitMicros, t.ExecMicros, t.TotalMicros));
    }

    [Fact]
    public void ARealDriversHopsCountInTheTotalOnly()
    {
        // assigned at 130, the run begins on another thread at 135: 5 µs no phase counts
        var t = new CallTimeline(100, CallTimeline.NoStart, 130, 135, 135, 335);
        Assert.Equal(30 + 0 + 0 + 200, t.QueueMicros + t.StartupMicros + t.InitMicros + t.ExecMicros);
        Assert.Equal(235, t.TotalMicros);
    }

    [Fact]
    public void SimulatedOverheadIsQueueTime()
    {
        var t = new CallTimeline(100, CallTimeline.NoStart, 130, 130, 130, 330, Overhead: 12);
        Assert.Equal(42, t.QueueMicros);
        Assert.Equal(242, t.TotalMicros);
        Assert.Equal(t.TotalMicros, t.ToRecord(0, 0, 0, CallStatus.Completed, StartType.Warm).Latency.Micros);
    }

    [Fact]
    public void AnUnservedCallWaitedUntilItEnded()
    {
        var t = CallTimeline.Unserved(100, 400);
        Assert.Equal((300L, 0L, 0L, 0L, 300L), (t.QueueMicros, t.StartupMicros, t.InitMicros, t.ExecMicros, t.TotalMicros));
    }

    [Fact]
    public void AnInstantBeforeThePreviousOneIsAnEmptyPhase() =>
        Assert.Equal((0L, 0L), (new CallTimeline(100, CallTimeline.NoStart, 90, 90, 80, 70).QueueMicros, new CallTimeline(100, CallTimeline.NoStart, 90, 90, 80, 70).ExecMicros));
}
