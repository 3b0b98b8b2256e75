using System.CommandLine;
using Faas.Experiments;
using Faas.Plotting;
using Faas.Results;

namespace Faas.Cli.Commands;

/// <summary>
/// <c>plot &lt;results-dir&gt; [--out DIR]</c>: draws the charts of a results folder (or of each
/// experiment folder under a results root) from its CSVs alone, without running anything, so
/// real-backend results are drawn the same way. Reference lines of the crossover map come from
/// manifest.json when there is one.
/// </summary>
public static class PlotCommand
{
    public const string ChartsFolder = ResultFiles.ChartsFolder;

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("results-dir") { Description = "A results folder (holding summary.csv) or a folder of them (e.g. results/)." };
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder for the PNG and SVG charts. Default: a charts/ subfolder of each results folder." };
        var cmd = new Command("plot", "Draw PNG and SVG charts from result CSVs (latency CDF, start mix, trade-off, time series, crossover map) without re-running.")
        {
            dir, outDir,
        };
        cmd.SetAction(p =>
        {
            string root = p.GetValue(dir)!;
            string? output = p.GetValue(outDir);
            var folders = ResultFolders(root);
            foreach (var folder in folders)
            {
                string charts = output ?? Path.Combine(folder, ChartsFolder);
                if (output is null) ClearCharts(charts);
                IReadOnlyList<string> written;
                try
                {
                    written = ChartRenderer.RenderAll(folder, charts, OptionsFor(folder));
                }
                catch (ResultsFormatException e)
                {
                    throw new BadInputException(e.Message);
                }
                stdout.WriteLine($"{folder}: {written.Count / 2} charts (PNG + SVG) in {charts}");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary><paramref name="root"/> when it holds summary.csv, else its subfolders that do (sorted).</summary>
    public static IReadOnlyList<string> ResultFolders(string root)
    {
        var folders = Faas.Results.ResultFolders.Find(root);
        if (folders.Count == 0 && !Directory.Exists(root)) throw new BadInputException($"{root}: folder not found");
        return folders.Count > 0 ? folders : throw new BadInputException($"{root}: no summary.csv in it or in its subfolders; run an experiment first");
    }

    /// <summary>Chart inputs from the folder's manifest.json (<see cref="ChartOptions.FromManifest"/>); a bad manifest is bad input.</summary>
    public static ChartOptions OptionsFor(string folder)
    {
        try
        {
            return ChartOptions.FromManifest(folder);
        }
        catch (ResultsFormatException e)
        {
            throw new BadInputException(e.Message);
        }
    }

    /// <summary>Removes old PNG and SVG files, so a chart no longer drawn (e.g. after a sweep replaced a plain run) does not linger.</summary>
    private static void ClearCharts(string charts)
    {
        if (!Directory.Exists(charts)) return;
        foreach (var f in Directory.GetFiles(charts).Where(f => f.EndsWith(".png", StringComparison.Ordinal) || f.EndsWith(".svg", StringComparison.Ordinal)))
            File.Delete(f);
    }
}
