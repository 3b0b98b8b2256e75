using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Faas.Backends.Docker.Api;

namespace Faas.Cli.Commands;

/// <summary><c>runtime add|list</c>: register a runtime image with a running server, or list them.</summary>
public static class RuntimeCommand
{
    public static Command Build(TextWriter stdout)
    {
        var server = ServerOption.Create();
        var name = new Argument<string>("name") { Description = "Runtime name (e.g. python)." };
        var image = new Option<string>("--image") { Description = "Local Docker image whose agent serves /run/faas/agent.sock (e.g. faas-runtime-python).", Required = true };
        var memory = new Option<string>("--memory") { Description = "Memory of each container (default 128MiB).", DefaultValueFactory = _ => "128MiB" };
        var add = new Command("add", "Register a runtime: the server checks the image exists locally and that its agent answers in a test container.") { name, image, memory, server };
        add.SetAction(p =>
        {
            using var c = new FaasApiClient(p.GetValue(server)!);
            long bytes = RealModeOptions.Memory(p.GetValue(memory)!, "--memory");
            var body = FaasApiClient.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("name", p.GetValue(name));
                w.WriteString("image", p.GetValue(image));
                w.WriteNumber("memory", bytes);
                w.WriteEndObject();
            });
            using var doc = JsonDocument.Parse(c.RequestAsync(HttpMethod.Post, "/runtimes", body).GetAwaiter().GetResult());
            var r = doc.RootElement;
            stdout.WriteLine($"runtime {r.GetProperty("name").GetString()}: image {r.GetProperty("image").GetString()} ({Short(r.GetProperty("image_id").GetString())}), memory {r.GetProperty("memory").GetString()}");
            return ExitCodes.Ok;
        });

        var list = new Command("list", "List the registered runtimes.") { server };
        list.SetAction(p =>
        {
            using var c = new FaasApiClient(p.GetValue(server)!);
            using var doc = JsonDocument.Parse(c.RequestAsync(HttpMethod.Get, "/runtimes").GetAwaiter().GetResult());
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-16} {1,-28} {2,-14} {3,8}  {4}", "NAME", "IMAGE", "IMAGE ID", "MEMORY", "CREATED"));
            foreach (var r in doc.RootElement.EnumerateArray())
                stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-16} {1,-28} {2,-14} {3,8}  {4}",
                    r.GetProperty("name").GetString(), r.GetProperty("image").GetString(), Short(r.GetProperty("image_id").GetString()), r.GetProperty("memory").GetString(), r.GetProperty("created").GetString()));
            return ExitCodes.Ok;
        });
        return new Command("runtime", "Manage runtimes on a running server (real mode).") { add, list };
    }

    private static string Short(string? id) => id is null ? "" : id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..Math.Min(id.Length, 19)] : id;
}
