using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>Options of <see cref="KeepAlivePolicy"/>.</summary>
/// <param name="Ttl">How long an idle container keeps its function's code before it is removed (OpenWhisk and Lambda use about 10 minutes).</param>
public sealed record KeepAliveOptions(SimDuration Ttl)
{
    /// <summary>10 minutes: the idle timeout of OpenWhisk's default configuration and of AWS Lambda as measured by SimFaaS.</summary>
    public static readonly KeepAliveOptions Default = new(SimDuration.FromMinutes(10));
}
