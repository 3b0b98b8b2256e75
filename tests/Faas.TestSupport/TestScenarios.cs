using Faas.Backends.Sim;
using Faas.Platform.Results;
using Faas.Scenarios;

namespace Faas.TestSupport;

/// <summary>Builds small scenarios from YAML fragments with defaults, and runs them.</summary>
public static class TestScenarios
{
    public static Scenario Make(
        string arrivals,
        string exec = "{dist: constant, value: 1us}",
        string model = "{model: keep-alive, ttl: 10m}",
        string coldStart = "{dist: constant, value: 1us}",
        string init = "{dist: constant, value: 0us}",
        string duration = "10000s",
        int count = 1,
        string cluster = "unlimited",
        int replications = 1,
        ulong seed = 1,
        string memory = "128MiB",
        string? extraModels = null)
    {
        string clusterYaml = cluster.StartsWith('{') ? cluster : "{memory: " + cluster + "}"; // a raw mapping, or a memory size
        string yaml = $$"""
            name: test
            duration: {{duration}}
            seed: {{seed}}
            replications: {{replications}}
            runtimes:
              - {name: python, memory: {{memory}}, cold_start: {{coldStart}}, init: {{init}}}
            functions:
              - {name: fn, count: {{count}}, runtime: python, exec: {{exec}}, arrivals: {{arrivals}}}
            cluster: {{clusterYaml}}
            models:
              - {{model}}
            {{(extraModels is null ? "" : "  - " + extraModels)}}
            """;
        return ScenarioLoader.Load(yaml, "test.yaml");
    }

    public static RunSummary Run(Scenario s, int replication = 0, IRunObserver? observer = null, int model = 0) =>
        new SimulationRun(s, s.Models[model], replication, observer).Run();

    /// <summary>Mean and half-width of a two-sided confidence interval (Student t) over replications.</summary>
    public static (double Mean, double HalfWidth) ConfidenceInterval(IReadOnlyList<double> xs, double level = 0.99)
    {
        double mean = xs.Average();
        double sd = Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1));
        double t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, xs.Count - 1, 1 - (1 - level) / 2);
        return (mean, t * sd / Math.Sqrt(xs.Count));
    }

    /// <summary>Erlang-B blocking probability: B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)).</summary>
    public static double ErlangB(int servers, double load)
    {
        double b = 1;
        for (int k = 1; k <= servers; k++) b = load * b / (k + load * b);
        return b;
    }
}
