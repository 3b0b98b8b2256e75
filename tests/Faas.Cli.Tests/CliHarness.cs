using Faas.TestSupport;

namespace Faas.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output, in a fresh temporary folder.</summary>
internal sealed class CliHarness() : TempFolder("faas-cli-test-")
{
    public (int Exit, string Out, string Err) Run(params string[] args) => CliApp.RunCaptured(args);
}
