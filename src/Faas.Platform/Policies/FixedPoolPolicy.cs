using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>
/// <c>fixed-pool</c>: <c>size</c> always-warm containers per function, started at time zero and
/// never removed; a call that finds them all busy is served cold by a throwaway container that is
/// removed after the call; if memory cannot hold even that, the call is dropped. The textbook loss system: P(overflow) = Erlang-B(size, λ·E[S]) for any
/// service distribution, used to validate the simulator.
/// </summary>
public sealed class FixedPoolPolicy(PlatformSpec spec, FixedPoolOptions options) : PoolPolicyBase(spec)
{
    public const string Name = "fixed-pool";
    private bool[] _member = new bool[64];

    public override string Model => Name;
    public FixedPoolOptions Options { get; } = options;

    public override int PoolTarget(int runtime) => Options.Size * CountFunctions(runtime);

    private int CountFunctions(int runtime)
    {
        int n = 0;
        for (int f = 0; f < Spec.FunctionCount; f++) if (Spec.FunctionRuntime(f) == runtime) n++;
        return n;
    }

    public override void OnStart(SimTime now, ActionBuffer actions)
    {
        for (int f = 0; f < Spec.FunctionCount; f++)
        {
            for (int k = 0; k < Options.Size; k++)
            {
                long mem = Spec.FunctionMemory(f);
                if (!Containers.Fits(mem)) return;
                int id = Containers.Create(now, Spec.FunctionRuntime(f), f, mem, -1);
                Mark(id, true);
                actions.StartContainer(id, Spec.FunctionRuntime(f), f, mem, -1);
            }
        }
    }

    protected override bool TryServe(SimTime now, int call, int function, bool mayStart, ActionBuffer actions)
    {
        if (AssignIdle(now, call, function, Containers.MostRecentUsable(function), StartType.Warm, actions)) return true;
        if (Containers.Fits(ContainerMemory(function))) return TryStartBound(now, call, function, actions);
        actions.Reject(call); // a loss system: with no room even for a throwaway container, the call is lost
        return true;
    }

    protected override void Pooled(SimTime now, int container, ActionBuffer actions) =>
        Containers.SetIdle(now, container, Containers.Function(container));

    protected override void Release(SimTime now, int container, bool healthy, ActionBuffer actions)
    {
        if (_member[container] && healthy)
        {
            Containers.SetIdle(now, container, Containers.Function(container));
            return;
        }
        Mark(container, false);
        RemoveContainer(now, container, actions);
    }

    private void Mark(int id, bool member)
    {
        if (id >= _member.Length) Array.Resize(ref _member, Math.Max(id + 1, _member.Length * 2));
        _member[id] = member;
    }
}
