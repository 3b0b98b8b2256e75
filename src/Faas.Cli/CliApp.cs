using System.CommandLine;
using Faas.Cli.Commands;
using Faas.Experiments;
using Faas.Workloads;

namespace Faas.Cli;

/// <summary>
/// The command tree of <c>faas-sim</c>. <see cref="Run"/> parses, dispatches and maps errors to
/// exit codes: bad input (scenario, arguments) exits 2 with a located message on stderr; other
/// failures exit 1.
/// </summary>
public static class CliApp
{
    public static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "Faas.Sim: simulate and benchmark serverless container pools (prewarm pool vs keep-alive and more).\n" +
            "Examples:\n" +
            "  faas-sim run scenarios/shared-runtime-rotation.yaml --out results/shared-runtime-rotation\n" +
            "  faas-sim validate scenarios/*.yaml\n" +
            "  faas-sim plot results/shared-runtime-rotation && faas-sim report results\n" +
            "  faas-sim models");
        root.Subcommands.Add(RunCommand.Build(stdout, stderr));
        root.Subcommands.Add(ValidateCommand.Build(stdout, stderr));
        root.Subcommands.Add(ModelsCommand.Build(stdout));
        root.Subcommands.Add(BenchCommand.Build(stdout, stderr));
        // real mode (Docker)
        root.Subcommands.Add(ServeCommand.Build(stdout, stderr));
        root.Subcommands.Add(RuntimeCommand.Build(stdout));
        root.Subcommands.Add(FunctionCommand.Build(stdout));
        root.Subcommands.Add(InvokeCommand.Build(stdout, stderr));
        root.Subcommands.Add(PoolCommand.Build(stdout));
        root.Subcommands.Add(DockerBenchCommand.Build(stdout, stderr));
        root.Subcommands.Add(LambdaValidationCommand.Build(stdout, stderr));
        root.Subcommands.Add(RerunCommand.Build(stdout, stderr));
        root.Subcommands.Add(PlotCommand.Build(stdout, stderr));
        root.Subcommands.Add(ReportCommand.Build(stdout, stderr));
        root.Subcommands.Add(ShardCommands.BuildMerge(stdout, stderr));
        root.Subcommands.Add(SlurmCommand.Build(stdout, stderr));
        // fidelity: simulation vs reality
        root.Subcommands.Add(FidelityCommands.Replay(stdout, stderr));
        root.Subcommands.Add(FidelityCommands.Calibrate(stdout, stderr));
        root.Subcommands.Add(FidelityCommands.ValidateReal(stdout, stderr));
        return root;
    }

    /// <summary>Runs the CLI in-process with captured output (tests and embedding): exit code, stdout, stderr.</summary>
    public static (int Exit, string Out, string Err) RunCaptured(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Build(stdout, stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine("Run 'faas-sim --help' (or '<command> --help') for usage.");
            return ExitCodes.BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Faas.Experiments.ShardInputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (BadInputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Faas.Backends.Docker.PolicyOptionException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Faas.Backends.Docker.Api.FaasApiException e)
        {
            // a 4xx answer of the server: the request was bad
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"failed: {e.Message}");
            if (Environment.GetEnvironmentVariable("FAAS_SIM_DEBUG") == "1") stderr.WriteLine(e);
            return ExitCodes.Failure;
        }
    }
}
