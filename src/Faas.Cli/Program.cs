namespace Faas.Cli;

/// <summary>Entry point of <c>faas-sim</c>.</summary>
public static class Program
{
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
