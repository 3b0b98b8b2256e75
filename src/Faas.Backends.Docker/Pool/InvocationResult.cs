using Faas.Platform;
using Faas.Platform.Results;

namespace Faas.Backends.Docker.Pool;

/// <summary>
/// The outcome of one call as the API returns it. On success <see cref="ResultJson"/> is the
/// function's JSON result; otherwise <see cref="ErrorKind"/> (a stable word such as
/// <c>timeout</c>) and <see cref="Error"/> (for people) say what happened, and
/// <see cref="HttpStatus"/> is the 4xx/5xx status to answer with.
/// </summary>
public sealed record InvocationResult(
    bool Ok,
    int HttpStatus,
    string? ResultJson,
    string? ErrorKind,
    string? Error,
    StartType? StartType,
    InvocationTimings Timings)
{
    /// <summary>The engine id of the container that served the call (null if none did).</summary>
    public string? ContainerId { get; init; }

    /// <summary>The call's instants on the driver's clock, from which <see cref="Timings"/> come (default when the call never reached the driver).</summary>
    public CallTimeline Timeline { get; init; }

    public static InvocationResult Failure(int status, string kind, string error, StartType? type = null, InvocationTimings timings = default) =>
        new(false, status, null, kind, error, type, timings);

    /// <summary>A failed call that reached the driver: its timings come from <paramref name="timeline"/>.</summary>
    public static InvocationResult Failure(int status, string kind, string error, StartType? type, CallTimeline timeline) =>
        new(false, status, null, kind, error, type, InvocationTimings.From(timeline)) { Timeline = timeline };
}
