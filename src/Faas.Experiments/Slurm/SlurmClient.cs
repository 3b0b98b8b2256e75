using System.Diagnostics;
using System.Globalization;

namespace Faas.Experiments.Slurm;

/// <summary>Talks to Slurm through its commands (sbatch, squeue, scancel) and finds the dotnet host the jobs run the CLI with.</summary>
public static class SlurmClient
{
    /// <summary>The dotnet host that runs the CLI: DOTNET_HOST_PATH, this process if it is dotnet, else dotnet on PATH.</summary>
    public static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h)) return h;
        if (Environment.ProcessPath is { } pp && Path.GetFileNameWithoutExtension(pp) == "dotnet") return pp;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            string c = Path.Combine(dir, "dotnet");
            if (File.Exists(c)) return Path.GetFullPath(c);
        }
        throw new BadInputException("cannot find the dotnet host; put dotnet on PATH");
    }

    public static (int Exit, string Out, string Err) Exec(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process proc;
        try
        {
            proc = Process.Start(psi) ?? throw new BadInputException($"cannot start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BadInputException($"cannot run {file}: {e.Message} (is Slurm installed? scripts/slurm-up.sh)");
        }
        using (proc)
        {
            var err = proc.StandardError.ReadToEndAsync();
            string o = proc.StandardOutput.ReadToEnd();
            proc.WaitForExit();
            return (proc.ExitCode, o, err.Result);
        }
    }

    public static string Sbatch(params string[] args)
    {
        var (code, o, e) = Exec("sbatch", ["--parsable", .. args]);
        if (code != 0) throw new InvalidOperationException($"sbatch {string.Join(" ", args)} failed (exit {code}): {e.Trim()}");
        return o.Trim().Split(';')[0];
    }

    /// <summary>Latest Slurm state per shard index (from the newest array submission covering it), via squeue -t all.</summary>
    public static Dictionary<int, (string JobId, string State)> TaskStates(SlurmJobs jobs)
    {
        var result = new Dictionary<int, (string, string)>();
        foreach (var sub in jobs.Submissions.Where(s => s.Kind == "array"))
        {
            var (code, o, _) = Exec("squeue", "-h", "-r", "-j", sub.JobId, "-t", "all", "-o", "%i|%T");
            if (code != 0) continue; // gone (MinJobAge passed): state unknown
            foreach (var line in o.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = line.Trim().Split('|');
                if (f.Length < 2) continue;
                int us = f[0].LastIndexOf('_');
                if (us < 0 || !int.TryParse(f[0][(us + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int task)) continue;
                result[task] = (f[0], f[1]); // later submissions override
            }
        }
        return result;
    }

    /// <summary>The state of one job (e.g. the merge job), or "unknown" when Slurm no longer knows it.</summary>
    public static string JobState(string id)
    {
        var (code, o, _) = Exec("squeue", "-h", "-j", id, "-t", "all", "-o", "%T");
        return code == 0 && o.Trim().Length > 0 ? o.Trim().Split('\n')[0] : "unknown";
    }
}
