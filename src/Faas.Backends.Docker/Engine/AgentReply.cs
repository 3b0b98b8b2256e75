namespace Faas.Backends.Docker.Engine;

/// <summary>The agent's answer to <c>/init</c> or <c>/run</c>: HTTP status and the JSON body as text.</summary>
public readonly record struct AgentReply(int Status, string Body)
{
    public bool Ok => Status == 200;
}
