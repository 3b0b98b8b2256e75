using System.Globalization;

namespace Faas.TestSupport;

/// <summary>Where the repository's trace samples are, and naive readers of them to check the streaming readers against.</summary>
public static class TraceFiles
{
    public static string Root => RepoPaths.Root;

    public static string Scenarios => Path.Combine(Root, "scenarios");
    public static string Dir => Path.Combine(Root, "scenarios", "traces");
    public static string Invocations => Path.Combine(Dir, "azure2019_invitro10_invocations.csv");
    public static string Durations => Path.Combine(Dir, "azure2019_invitro10_durations.csv");
    public static string Memory => Path.Combine(Dir, "azure2019_invitro10_memory.csv");
    public static string Azure2021 => Path.Combine(Dir, "azure2021_invitro_200.csv");

    /// <summary>The 2019 invocation counts, read naively: hash of the function → its 1440 counts (and trigger, owner/app).</summary>
    public static Dictionary<string, (string App, string Trigger, int[] Counts)> NaiveInvocations()
    {
        var d = new Dictionary<string, (string, string, int[])>();
        foreach (var line in File.ReadLines(Invocations).Skip(1))
        {
            var f = line.Split(',');
            d[f[2]] = (f[0] + "," + f[1], f[3], f.Skip(4).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray());
        }
        return d;
    }

    /// <summary>A temporary copy of <paramref name="source"/> with line <paramref name="line"/> (1-based) replaced through <paramref name="edit"/>.</summary>
    public static string Corrupt(TempFolder tmp, string source, int line, Func<string, string> edit)
    {
        var lines = File.ReadAllLines(source);
        lines[line - 1] = edit(lines[line - 1]);
        string path = tmp.Sub(Path.GetFileName(source));
        File.WriteAllLines(path, lines);
        return path;
    }
}
