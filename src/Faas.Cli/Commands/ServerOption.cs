using System.CommandLine;

namespace Faas.Cli.Commands;

/// <summary>The <c>--server</c> option of the commands that talk to a running <c>faas-sim serve</c>.</summary>
public static class ServerOption
{
    /// <summary>A new <c>--server</c> option (default <c>$FAAS_SIM_SERVER</c>, else http://127.0.0.1:8080).</summary>
    public static Option<string> Create() => new("--server")
    {
        Description = "URL of the faas-sim server (default $FAAS_SIM_SERVER, else http://127.0.0.1:8080).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FAAS_SIM_SERVER") is { Length: > 0 } s ? s : "http://127.0.0.1:8080",
    };
}
