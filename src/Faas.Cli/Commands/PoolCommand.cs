using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Faas.Backends.Docker.Api;

namespace Faas.Cli.Commands;

/// <summary><c>pool</c>: per runtime, the containers idle, starting and busy on a running server, and the policy's target.</summary>
public static class PoolCommand
{
    public static Command Build(TextWriter stdout)
    {
        var server = ServerOption.Create();
        var cmd = new Command("pool", "Show the container pool of a running server: per runtime idle, starting, busy and the policy's target.") { server };
        cmd.SetAction(p =>
        {
            using var c = new FaasApiClient(p.GetValue(server)!);
            using var doc = JsonDocument.Parse(c.RequestAsync(HttpMethod.Get, "/pool").GetAwaiter().GetResult());
            var s = doc.RootElement;
            stdout.WriteLine($"policy {s.GetProperty("policy").GetString()}: {s.GetProperty("calls_in_flight").GetInt32()} call(s) in flight, {s.GetProperty("queued").GetInt32()} queued, {s.GetProperty("containers_created").GetInt64()} container(s) created");
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-16} {1,6} {2,9} {3,6} {4,7}", "RUNTIME", "IDLE", "STARTING", "BUSY", "TARGET"));
            foreach (var r in s.GetProperty("runtimes").EnumerateArray())
            {
                int target = r.GetProperty("target").GetInt32();
                stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-16} {1,6} {2,9} {3,6} {4,7}", r.GetProperty("runtime").GetString(),
                    r.GetProperty("idle").GetInt32(), r.GetProperty("starting").GetInt32(), r.GetProperty("busy").GetInt32(), target < 0 ? "-" : target.ToString(CultureInfo.InvariantCulture)));
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
