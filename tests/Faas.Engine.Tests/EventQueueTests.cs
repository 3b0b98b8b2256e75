namespace Faas.Engine.Tests;

public class EventQueueTests
{
    [Fact]
    public void PopsInTimeOrder()
    {
        var q = new EventQueue<int>(2);
        long[] times = [50, 10, 40, 10, 30, 20, 0, 99];
        for (int i = 0; i < times.Length; i++) q.Push(new SimTime(times[i]), 0, i);
        var popped = new List<long>();
        while (q.TryPop(out var t, out _)) popped.Add(t.Micros);
        Assert.Equal(times.Order(), popped);
    }

    [Fact]
    public void BreaksTiesByPriorityClassThenInsertionOrder()
    {
        var q = new EventQueue<int>();
        q.Push(new SimTime(5), 3, 1);
        q.Push(new SimTime(5), 0, 2);
        q.Push(new SimTime(5), 3, 3);
        q.Push(new SimTime(5), 0, 4);
        q.Push(new SimTime(4), 9, 5);
        var order = new List<int>();
        while (q.TryPop(out _, out var p)) order.Add(p);
        Assert.Equal([5, 2, 4, 1, 3], order);
    }

    [Fact]
    public void MatchesASortedReferenceOnRandomInput()
    {
        var rng = new Pcg32Random(7);
        var q = new EventQueue<int>(4);
        var reference = new List<(long T, int P, int Seq)>();
        int seq = 0;
        for (int round = 0; round < 2000; round++)
        {
            if (rng.NextDouble() < 0.6 || q.Count == 0)
            {
                long t = rng.Next(100);
                int p = rng.Next(4);
                q.Push(new SimTime(t), p, seq);
                reference.Add((t, p, seq++));
            }
            else
            {
                var min = reference.OrderBy(x => x.T).ThenBy(x => x.P).ThenBy(x => x.Seq).First();
                reference.Remove(min);
                Assert.True(q.TryPop(out var time, out var payload));
                Assert.Equal((min.T, min.Seq), (time.Micros, payload));
            }
        }
    }

    [Fact]
    public void EmptyQueueReportsNothing()
    {
        var q = new EventQueue<int>();
        Assert.False(q.TryPop(out _, out _));
        Assert.Equal(SimTime.MaxValue, q.PeekTime);
    }

    [Fact]
    public void RejectsPriorityOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventQueue<int>().Push(SimTime.Zero, 200, 0));

    [Fact]
    public void SteadyStatePushPopDoesNotAllocate()
    {
        var q = new EventQueue<(long, int)>(1024);
        for (int i = 0; i < 512; i++) q.Push(new SimTime(i), 1, (i, i));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            q.TryPop(out var t, out var p);
            q.Push(t + new SimDuration(512), 1, p);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
