using System.Collections.Concurrent;
using Faas.Platform.Results;

namespace Faas.Backends.Docker.Tests.Unit;

/// <summary>Collects the records the driver ends calls with.</summary>
public sealed class RecordingObserver : IRunObserver
{
    public ConcurrentQueue<InvocationRecord> Records { get; } = new();

    public void OnInvocation(in InvocationRecord record) => Records.Enqueue(record);

    public void OnSample(in TimeSample sample) { }
}
