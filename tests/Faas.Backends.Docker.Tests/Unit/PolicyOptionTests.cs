namespace Faas.Backends.Docker.Tests.Unit;

/// <summary><c>serve --policy P --opt k=v</c>: the catalog parses the options and its errors name the flag (no fake file location), before Docker is touched.</summary>
public class PolicyOptionTests
{
    private static PolicyOptionException Refused(string policy, params (string Key, string Value)[] options) =>
        Assert.Throws<PolicyOptionException>(() => DockerPlatform.ValidatePolicy(policy, options.ToDictionary(o => o.Key, o => o.Value)));

    [Fact]
    public void ABadValueNamesItsOptFlag()
    {
        var e = Refused("keep-alive", ("ttl", "soon"));
        Assert.Equal("--opt ttl", e.Flag);
        Assert.StartsWith("--opt ttl: option 'ttl': expected a duration with a unit", e.Message);
    }

    [Fact]
    public void AnUnknownOptionNamesItsOptFlagAndTheModelsOptions()
    {
        var e = Refused("keep-alive", ("tll", "1m"));
        Assert.Equal("--opt tll: unknown option 'tll' for model keep-alive; expected one of: ttl, ttl_from, when_full", e.Message);
    }

    [Fact]
    public void ACheckAcrossOptionsNamesTheOptItBlames() =>
        Assert.Equal("--opt max: option 'max' (1) must be >= 'min' (3)", Refused("prewarm-pool", ("min", "3"), ("max", "1")).Message);

    [Fact]
    public void AnUnknownOrSimulatorOnlyPolicyNamesThePolicyFlag()
    {
        var e = Refused("nope");
        Assert.Equal("--policy", e.Flag);
        Assert.StartsWith("--policy: unknown policy 'nope'; expected one of: cold-only, keep-alive, prewarm-pool", e.Message);
        Assert.Equal("--policy: policy 'oracle' needs the future arrivals of a trace: simulator only", Refused("oracle").Message);
    }

    [Fact]
    public void GoodOptionsPass() => DockerPlatform.ValidatePolicy("openwhisk", new Dictionary<string, string> { ["min"] = "2", ["keep_alive"] = "5m" });
}
