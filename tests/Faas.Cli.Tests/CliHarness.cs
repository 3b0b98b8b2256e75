namespace Faas.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output, in a fresh temporary folder.</summary>
internal sealed class CliHarness : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("faas-cli-test-").FullName;

    public (int Exit, string Out, string Err) Run(params string[] args) => CliApp.RunCaptured(args);

    public string Write(string name, string text)
    {
        string p = Path.Combine(Dir, name);
        File.WriteAllText(p, text);
        return p;
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}
