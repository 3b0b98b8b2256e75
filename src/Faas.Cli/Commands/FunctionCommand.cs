using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Faas.Backends.Docker.Api;
using Faas.Experiments;

namespace Faas.Cli.Commands;

/// <summary><c>function create|list|delete</c>: store functions on a running server.</summary>
public static class FunctionCommand
{
    public static Command Build(TextWriter stdout)
    {
        var server = ServerOption.Create();
        var name = new Argument<string>("name") { Description = "Function name." };
        var runtime = new Option<string>("--runtime", "-r") { Description = "Runtime to run it on.", Required = true };
        var code = new Option<string>("--code", "-c") { Description = "Source file, or a .zip (Python: __main__.py at the root; Node: package.json main or index.js).", Required = true };
        var main = new Option<string>("--main") { Description = "Entry function (default main).", DefaultValueFactory = _ => "main" };
        var create = new Command("create", "Store a function (creating an existing name stores a new version).") { name, runtime, code, main, server };
        create.SetAction(p =>
        {
            string file = p.GetValue(code)!;
            if (!File.Exists(file)) throw new BadInputException($"--code: file '{file}' not found");
            byte[] bytes = File.ReadAllBytes(file);
            bool zip = bytes.Length >= 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4;
            var body = FaasApiClient.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("name", p.GetValue(name));
                w.WriteString("runtime", p.GetValue(runtime));
                w.WriteString("main", p.GetValue(main));
                if (zip)
                {
                    w.WriteString("code", Convert.ToBase64String(bytes));
                    w.WriteBoolean("binary", true);
                }
                else
                {
                    w.WriteString("code", Encoding.UTF8.GetString(bytes));
                }
                w.WriteEndObject();
            });
            using var c = new FaasApiClient(p.GetValue(server)!);
            using var doc = JsonDocument.Parse(c.RequestAsync(HttpMethod.Post, "/functions", body).GetAwaiter().GetResult());
            var f = doc.RootElement;
            stdout.WriteLine($"function {f.GetProperty("name").GetString()} version {f.GetProperty("version").GetInt32()} on {f.GetProperty("runtime").GetString()} (entry {f.GetProperty("main").GetString()}, {f.GetProperty("code_bytes").GetInt64()} bytes{(zip ? ", zip" : "")})");
            return ExitCodes.Ok;
        });

        var list = new Command("list", "List functions (current versions).") { server };
        list.SetAction(p =>
        {
            using var c = new FaasApiClient(p.GetValue(server)!);
            using var doc = JsonDocument.Parse(c.RequestAsync(HttpMethod.Get, "/functions").GetAwaiter().GetResult());
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-20} {1,-12} {2,-12} {3,7} {4,9}  {5}", "NAME", "RUNTIME", "MAIN", "VERSION", "BYTES", "CREATED"));
            foreach (var f in doc.RootElement.EnumerateArray())
                stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-20} {1,-12} {2,-12} {3,7} {4,9}  {5}",
                    f.GetProperty("name").GetString(), f.GetProperty("runtime").GetString(), f.GetProperty("main").GetString(),
                    f.GetProperty("version").GetInt32(), f.GetProperty("code_bytes").GetInt64(), f.GetProperty("created").GetString()));
            return ExitCodes.Ok;
        });

        var delName = new Argument<string>("name") { Description = "Function name." };
        var delete = new Command("delete", "Delete a function (every version).") { delName, server };
        delete.SetAction(p =>
        {
            using var c = new FaasApiClient(p.GetValue(server)!);
            c.RequestAsync(HttpMethod.Delete, "/functions/" + Uri.EscapeDataString(p.GetValue(delName)!)).GetAwaiter().GetResult();
            stdout.WriteLine($"deleted {p.GetValue(delName)}");
            return ExitCodes.Ok;
        });
        return new Command("function", "Manage functions on a running server (real mode).") { create, list, delete };
    }
}
