using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Faas.Backends.Docker.Api;
using Faas.Experiments;

namespace Faas.Cli.Commands;

/// <summary>
/// <c>invoke &lt;name&gt; [--args JSON]</c>: run a function on a running server. The result goes
/// to stdout (JSON); the start type and measured timings to stderr, so scripts can pipe the result.
/// </summary>
public static class InvokeCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var server = ServerOption.Create();
        var name = new Argument<string>("name") { Description = "Function name." };
        var args = new Option<string>("--args", "-a") { Description = "Arguments as JSON (default {}).", DefaultValueFactory = _ => "{}" };
        var full = new Option<bool>("--json") { Description = "Print the whole response (result, start_type, timings, container) as JSON on stdout." };
        var cmd = new Command("invoke", "Run a function; prints its result, and its start type (cold, prewarm, warm) and timings on stderr.") { name, args, full, server };
        cmd.SetAction(p =>
        {
            string a = p.GetValue(args)!;
            try { using var _ = JsonDocument.Parse(a); }
            catch (JsonException e) { throw new BadInputException($"--args is not valid JSON: {e.Message}"); }
            using var c = new FaasApiClient(p.GetValue(server)!);
            var (status, body) = c.SendAsync(HttpMethod.Post, $"/functions/{Uri.EscapeDataString(p.GetValue(name)!)}/invoke", a).GetAwaiter().GetResult();
            JsonDocument doc;
            try { doc = JsonDocument.Parse(body); }
            catch (JsonException) { throw FaasApiClient.ErrorFor(status, body); }
            using (doc)
            {
                var r = doc.RootElement;
                if (p.GetValue(full)) stdout.WriteLine(body);
                else if (r.TryGetProperty("result", out var result)) stdout.WriteLine(result.GetRawText());
                if (r.TryGetProperty("timings", out var t) && r.TryGetProperty("start_type", out var st) && st.ValueKind == JsonValueKind.String)
                {
                    string type = st.GetString()!;
                    stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"start_type={type} queue_ms={t.GetProperty("queue_ms").GetDouble():0.###} startup_ms={t.GetProperty("startup_ms").GetDouble():0.###} init_ms={t.GetProperty("init_ms").GetDouble():0.###} exec_ms={t.GetProperty("exec_ms").GetDouble():0.###} total_ms={t.GetProperty("total_ms").GetDouble():0.###}"));
                }
                if (status is >= 200 and < 300) return ExitCodes.Ok;
                string kind = r.TryGetProperty("error_kind", out var k) ? k.GetString() ?? "" : "";
                stderr.WriteLine($"error ({kind}, HTTP {status}): {FaasApiClient.ErrorMessage(body)}");
                return status is >= 400 and < 500 ? ExitCodes.BadInput : ExitCodes.Failure;
            }
        });
        return cmd;
    }
}
