using System.CommandLine;
using Faas.Backends.Docker;
using Faas.Backends.Docker.Api;
using Faas.Experiments;
using Faas.Platform;
using Faas.Platform.Models;
using Faas.Platform.Policies;
using Microsoft.Extensions.Hosting;

namespace Faas.Cli.Commands;

/// <summary>
/// <c>serve</c>: real mode. Runs the HTTP API on 127.0.0.1 over a real Docker engine with the
/// chosen pool policy. Ctrl-C (or SIGTERM) stops it and removes every container it made.
/// </summary>
public static class ServeCommand
{
    /// <summary>The <c>--policy</c> help, generated from the catalog: every model that runs on live calls.</summary>
    public static string PolicyHelp =>
        $"Pool policy: {string.Join(", ", ModelCatalog.All.Where(m => !m.Has(ModelCapabilities.SimulatorOnly)).Select(m => m.Name))} (default {PrewarmPoolPolicy.Name}, the seed). Options and their defaults: 'faas-sim models'.";

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1 (default 8080).", DefaultValueFactory = _ => 8080 };
        var policy = new Option<string>("--policy") { Description = PolicyHelp, DefaultValueFactory = _ => PrewarmPoolPolicy.Name };
        var opt = new Option<string[]>("--opt") { Description = "A policy option key=value, repeatable (e.g. --opt ttl=10m, --opt min=1 --opt max=4).", AllowMultipleArgumentsPerToken = false };
        var db = new Option<string>("--db") { Description = $"Function database (SQLite; default {RealModeOptions.DefaultDb()})." };
        var csv = new Option<string>("--csv") { Description = "invocations.csv to append every call to (default: next to the database)." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every HTTP request." };
        var real = new RealModeOptions();
        var cmd = new Command("serve", "Real mode: serve the HTTP API (runtimes, functions, invoke, pool, metrics) on 127.0.0.1 over the local Docker engine.\n" +
            "Example: faas-sim serve --policy keep-alive --opt ttl=10m")
        {
            port, policy, opt, db, csv, verbose,
        };
        real.AddTo(cmd);
        cmd.SetAction(p =>
        {
            int portValue = p.GetValue(port);
            if (portValue < 1 || portValue > 65535) throw new BadInputException("--port must be between 1 and 65535");
            string dbPath = p.GetValue(db) ?? RealModeOptions.DefaultDb();
            var options = new DockerPlatformOptions(
                p.GetValue(policy)!,
                RealModeOptions.PolicyOptions(p.GetValue(opt)),
                dbPath,
                p.GetValue(csv) ?? RealModeOptions.DefaultCsv(dbPath),
                real.Driver(p),
                real.Engine(p));
            DockerPlatform.ValidatePolicy(options.Policy, options.PolicyOptions);
            var platform = DockerPlatform.StartAsync(options, log: stderr).GetAwaiter().GetResult();
            try
            {
                var app = FaasHttpApi.Build(platform, portValue, p.GetValue(verbose) ? Microsoft.Extensions.Logging.LogLevel.Information : Microsoft.Extensions.Logging.LogLevel.Warning);
                try
                {
                    app.StartAsync().GetAwaiter().GetResult();
                }
                catch (IOException e)
                {
                    throw new InvalidOperationException($"cannot listen on 127.0.0.1:{portValue}: {e.Message} (another server running? use --port)", e);
                }
                string opts = string.Join(" ", options.PolicyOptions.Select(kv => $"{kv.Key}={kv.Value}"));
                stdout.WriteLine($"faas-sim serve: policy {options.Policy}{(opts.Length > 0 ? " (" + opts + ")" : "")}, listening on {string.Join(", ", app.Urls)}");
                stdout.WriteLine($"  database {platform.Store.Path}; invocations appended to {platform.InvocationsCsvPath}");
                if (platform.LeftoversRemoved > 0) stdout.WriteLine($"  removed {platform.LeftoversRemoved} leftover container(s) of an earlier run");
                stdout.WriteLine("  Ctrl-C to stop (removes every container of this server)");
                stdout.Flush();
                app.WaitForShutdownAsync().GetAwaiter().GetResult();
                stdout.WriteLine("stopping: removing containers...");
                app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            finally
            {
                platform.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            stdout.WriteLine("stopped");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
