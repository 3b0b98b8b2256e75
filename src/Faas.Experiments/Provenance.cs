using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Faas.Results;

namespace Faas.Experiments;

/// <summary>
/// Where a result came from: git commit, tool and package versions, machine. Read once per
/// run for the manifest; never written into CSVs (they must not depend on the machine).
/// </summary>
public static class Provenance
{
    /// <summary>The assemblies whose versions a manifest records, by a type each defines.</summary>
    private static readonly Type[] Recorded =
    [
        typeof(Faas.Engine.SimTime), typeof(Faas.Workloads.Arrivals.ArrivalProcess), typeof(Faas.Scenarios.Scenario), typeof(Faas.Platform.ModelCatalog),
        typeof(Faas.Backends.Sim.SimulationRun), typeof(CsvFormat), typeof(ExperimentRunner),
        typeof(YamlDotNet.RepresentationModel.YamlStream), typeof(CsvHelper.CsvReader), typeof(MathNet.Numerics.Distributions.StudentT),
    ];

    /// <summary>The informational version of <paramref name="assembly"/> (e.g. <c>1.0.0+3f2a…</c>), else its assembly version.</summary>
    public static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Versions of the simulator's own assemblies and of the packages that shape its output, by assembly name.</summary>
    public static IReadOnlyDictionary<string, string> Packages() =>
        new SortedDictionary<string, string>(Recorded.Select(t => t.Assembly).Distinct()
            .ToDictionary(a => a.GetName().Name ?? "?", VersionOf), StringComparer.Ordinal);

    /// <summary>The running tool, e.g. <c>faas-sim 1.0.0+3f2a…</c> (the entry assembly).</summary>
    public static string Tool()
    {
        var entry = Assembly.GetEntryAssembly() ?? typeof(ExperimentRunner).Assembly;
        return $"{entry.GetName().Name} {VersionOf(entry)}";
    }

    public static RunManifest.MachineInfo Machine() => new()
    {
        Os = RuntimeInformation.OSDescription,
        Architecture = RuntimeInformation.OSArchitecture.ToString(),
        Cores = Environment.ProcessorCount,
        MemoryBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
    };

    /// <summary>
    /// <c>git rev-parse HEAD</c> and whether tracked files differ from it, run in
    /// <paramref name="directory"/>; ("unknown", null) when git or a repository is missing.
    /// </summary>
    public static (string Commit, bool? Dirty) Git(string directory)
    {
        string? head = RunGit(directory, "rev-parse", "HEAD");
        if (head is null || head.Length < 7) return ("unknown", null);
        string? status = RunGit(directory, "status", "--porcelain", "--untracked-files=no");
        return (head, status is null ? null : status.Length > 0);
    }

    private static string? RunGit(string directory, params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("-C");
            psi.ArgumentList.Add(string.IsNullOrEmpty(directory) ? "." : directory);
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            if (p is null) return null;
            var output = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(10_000))
            {
                p.Kill();
                return null;
            }
            return p.ExitCode == 0 ? output.Result.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git not installed
        }
    }
}
