using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>Options of <see cref="KeepAlivePolicy"/>.</summary>
/// <param name="Ttl">How long an idle container keeps its function's code before it is removed (OpenWhisk and Lambda use about 10 minutes).</param>
/// <param name="TtlFromStart">Count the ttl from the start of the container's last call instead of its end (FaasCache's simulator: <c>last_access + ttl</c>); a call longer than the ttl leaves no idle container.</param>
/// <param name="DropWhenFull">Drop a call that cannot be served at once instead of queueing it (FaasCache's simulator).</param>
public sealed record KeepAliveOptions(SimDuration Ttl, bool TtlFromStart = false, bool DropWhenFull = false)
{
    /// <summary>10 minutes: the idle timeout of OpenWhisk's default configuration and of AWS Lambda as measured by SimFaaS.</summary>
    public static readonly KeepAliveOptions Default = new(SimDuration.FromMinutes(10));
}
