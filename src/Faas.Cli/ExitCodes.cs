namespace Faas.Cli;

/// <summary>Process exit codes: 0 ok, 1 runtime failure, 2 bad input (nothing written).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
