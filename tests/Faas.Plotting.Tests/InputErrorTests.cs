using Faas.Results;
using Faas.TestSupport;

namespace Faas.Plotting.Tests;

public sealed class InputErrorTests : IDisposable
{
    private readonly ResultsFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void Missing_summary_names_the_file()
    {
        var ex = Assert.Throws<ResultsFormatException>(() => ChartRenderer.RenderAll(_fx.ResultsDir, _fx.ChartsDir));

        Assert.Contains("summary.csv", ex.Message);
        Assert.Null(ex.Row);
        Assert.False(Directory.Exists(_fx.ChartsDir));
    }

    [Fact]
    public void Non_numeric_summary_value_names_file_row_and_column()
    {
        _fx.WriteRun();
        var lines = File.ReadAllLines(_fx.SummaryPath);
        lines[2] = lines[2].Replace(lines[2].Split(',')[13], "fast"); // mean_ms of the second data row
        File.WriteAllLines(_fx.SummaryPath, lines);

        var ex = Assert.Throws<ResultsFormatException>(() => ChartRenderer.RenderAll(_fx.ResultsDir, _fx.ChartsDir));

        Assert.Equal(3, ex.Row);
        Assert.Equal(_fx.SummaryPath, ex.FilePath);
        Assert.Contains("summary.csv: row 3", ex.Message);
        Assert.Contains("mean_ms", ex.Message);
        Assert.Contains("'fast'", ex.Message);
    }

    [Fact]
    public void Invocation_row_with_missing_fields_names_the_row_and_nothing_is_written()
    {
        _fx.WriteRun();
        var lines = File.ReadAllLines(_fx.InvocationsPath).ToList();
        lines[41] = "claim3,keep-alive,0,40,f0";
        File.WriteAllLines(_fx.InvocationsPath, lines);

        var ex = Assert.Throws<ResultsFormatException>(() => ChartRenderer.RenderAll(_fx.ResultsDir, _fx.ChartsDir));

        Assert.Equal(42, ex.Row);
        Assert.Contains("invocations.csv: row 42", ex.Message);
        Assert.Contains("expected 14 fields", ex.Message);
        Assert.False(Directory.Exists(_fx.ChartsDir));
    }

    [Fact]
    public void Summary_without_a_required_column_says_which()
    {
        File.WriteAllText(_fx.SummaryPath, "scenario,model,replication,cold,prewarm,warm,mean_ms,cold_fraction\ns,keep-alive,0,1,0,9,12.5,0.1\n");

        var ex = Assert.Throws<ResultsFormatException>(() => SummaryCsv.Read(_fx.SummaryPath));

        Assert.Contains("idle_mem_gb_s", ex.Message);
        Assert.Equal(1, ex.Row);
    }

    [Fact]
    public void Empty_model_label_is_an_error()
    {
        File.WriteAllText(_fx.SummaryPath, ResultsFixture.SummaryHeader + "\n" +
            "s,,0,1,10,1,8,0,0,0,5,9,9,6,1.5,1,0.1,1,1,1\n");

        var ex = Assert.Throws<ResultsFormatException>(() => SummaryCsv.Read(_fx.SummaryPath));

        Assert.Equal(2, ex.Row);
        Assert.Contains("model", ex.Message);
    }

    [Fact]
    public void Timeseries_with_a_bad_time_names_the_row()
    {
        File.WriteAllText(_fx.TimeSeriesPath, ResultsFixture.TimeSeriesHeader + "\n" +
            "s,keep-alive,0,0,python,1,1,0,0,0\n" +
            "s,keep-alive,0,,python,1,1,0,0,0\n");

        var ex = Assert.Throws<ResultsFormatException>(() => TimeSeriesCsv.Read(_fx.TimeSeriesPath));

        Assert.Equal(3, ex.Row);
        Assert.Contains("time_s", ex.Message);
    }

    [Fact]
    public void Unknown_columns_are_ignored_in_any_position()
    {
        File.WriteAllText(_fx.SummaryPath,
            "note,model,scenario,replication,cold,prewarm,warm,mean_ms,idle_mem_gb_s,cold_fraction,extra_metric\n" +
            "hello world,keep-alive,s,0,1,0,9,12.5,30,0.1,7\n");

        var row = Assert.Single(SummaryCsv.Read(_fx.SummaryPath));

        Assert.Equal("keep-alive", row.Model);
        Assert.Equal(12.5, row.MeanMs);
        Assert.Equal(7, row.Get("extra_metric"));
        Assert.True(double.IsNaN(row.Get("p99_ms")));
        Assert.Empty(row.Parameters);
    }
}
