using Faas.Engine;
using Faas.Platform.Models;
using Faas.Platform.Policies;

namespace Faas.Platform.Tests;

/// <summary>
/// The catalog's option tables: help, key check and parsing come from one declaration per option;
/// errors are built by the option source (so each front end locates them its own way); capabilities
/// are declared, not inferred from names.
/// </summary>
public class ModelCatalogTests
{
    /// <summary>A source whose errors say which key they are about, as the front ends do.</summary>
    private static OptionSource Source(params (string Key, string Value)[] options) =>
        new(options.Select(o => KeyValuePair.Create(o.Key, o.Value)), (key, problem) => new FormatException($"[{key ?? "-"}] {problem}"));

    private static ModelEntry Model(string name) => ModelCatalog.Find(name) ?? throw new ArgumentException(name);

    [Fact]
    public void EveryHelpLineIsItsTableInOrder()
    {
        foreach (var m in ModelCatalog.All)
        {
            var expected = m.Options.Options.Count == 0 ? "(none)" : string.Join(", ", m.Options.Options.Select(o => o.HelpEntry));
            Assert.Equal(expected, m.OptionsHelp);
            Assert.All(m.Options.Options, o => Assert.True(o.Help.Length > 10, $"{m.Name}.{o.Key} has no help"));
        }
    }

    [Fact]
    public void HelpShowsDefaultsAndChoices()
    {
        Assert.Equal("ttl (10m), ttl_from (end | start), when_full (queue | drop)", Model("keep-alive").OptionsHelp);
        Assert.Equal("size (1)", Model("fixed-pool").OptionsHelp);
        Assert.Contains("max (unlimited)", Model("prewarm-pool").OptionsHelp);
        Assert.Contains("fallback_keep_alive (4h)", Model("hybrid-histogram").OptionsHelp);
        Assert.Equal("(none)", Model("cold-only").OptionsHelp);
    }

    [Fact]
    public void AnUnknownKeyIsNamedWithTheKeysTheModelTakes()
    {
        var e = Assert.Throws<FormatException>(() => Model("keep-alive").Bind(Source(("tll", "1m"))));
        Assert.Equal("[tll] unknown option 'tll' for model keep-alive; expected one of: ttl, ttl_from, when_full", e.Message);
        var none = Assert.Throws<FormatException>(() => Model("cold-only").Bind(Source(("ttl", "1m"))));
        Assert.Equal("[ttl] unknown option 'ttl' for model cold-only; it takes no options", none.Message);
    }

    [Theory]
    [InlineData("keep-alive", "ttl", "soon", "[ttl] option 'ttl': expected a duration with a unit (us, ms, s, m, h, d), e.g. 500ms or 10m, got 'soon'")]
    [InlineData("keep-alive", "ttl_from", "middle", "[ttl_from] option 'ttl_from': expected one of end, start, got 'middle'")]
    [InlineData("prewarm-pool", "window", "0s", "[window] option 'window': must be a finite duration greater than zero")]
    [InlineData("prewarm-pool", "buckets", "0", "[buckets] option 'buckets': expected a whole number in [1, 10000], got 0")]
    [InlineData("prewarm-pool", "headroom", "lots", "[headroom] option 'headroom': expected a number, got 'lots'")]
    [InlineData("prewarm-pool", "reuse", "maybe", "[reuse] option 'reuse': expected true or false, got 'maybe'")]
    [InlineData("oracle", "horizon", "0s", "[horizon] option 'horizon': must be a duration greater than zero")]
    [InlineData("hybrid-histogram", "margin", "1", "[margin] option 'margin': expected a value in [0, 0.99], got 1")]
    public void ABadValueIsTheSourcesErrorAtItsKey(string model, string key, string value, string message)
    {
        var e = Assert.Throws<FormatException>(() => Model(model).Bind(Source((key, value))));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("prewarm-pool", "max", "[max] option 'max' (2) must be >= 'min' (5)")]
    [InlineData("openwhisk", "max", "[max] option 'max' (2) must be >= 'min' (5)")]
    public void AChecksAcrossOptionsIsLocatedAtTheOptionItBlames(string model, string key, string message)
    {
        var e = Assert.Throws<FormatException>(() => Model(model).Create(Source(("min", "5"), (key, "2")), new PlatformSpec(long.MaxValue)));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void UnwrittenOptionsTakeTheDeclaredDefaults()
    {
        Assert.Equal(KeepAliveOptions.Default, ModelCatalog.KeepAlive(OptionSource.Empty));
        Assert.Equal(PrewarmPoolOptions.Default, ModelCatalog.PrewarmPool(OptionSource.Empty));
        Assert.Equal(OpenWhiskOptions.Default, ModelCatalog.OpenWhisk(OptionSource.Empty));
        Assert.Equal(5, ModelCatalog.OpenWhisk(Source(("min", "5"))).Max); // an unwritten max follows a larger min
    }

    [Fact]
    public void WrittenOptionsAreParsedByKind()
    {
        var o = ModelCatalog.PrewarmPool(Source(("window", "90s"), ("max", "7"), ("headroom", "1.5"), ("scope", "function"), ("reuse", "yes")));
        Assert.Equal(SimDuration.FromSeconds(90), o.Window);
        Assert.Equal(7, o.Max);
        Assert.Equal(1.5, o.Headroom);
        Assert.Equal(PoolScope.Function, o.Scope);
        Assert.True(o.Reuse);
    }

    [Fact]
    public void CapabilitiesAreDeclaredPerModel()
    {
        Assert.True(Model("oracle").Has(ModelCapabilities.NeedsFuture | ModelCapabilities.SimulatorOnly));
        Assert.Equal(SimDuration.FromMinutes(10), Model("oracle").FutureHorizon(Source(("horizon", "10m"))));
        Assert.True(Model("prewarm-pool").Has(ModelCapabilities.OneShot));
        Assert.True(Model("cold-only").Has(ModelCapabilities.OneShot));
        foreach (var name in new[] { "keep-alive", "fixed-pool", "faascache", "hybrid-histogram", "openwhisk" })
            Assert.Equal(ModelCapabilities.None, Model(name).Capabilities);
        Assert.Throws<InvalidOperationException>(() => Model("keep-alive").FutureHorizon(OptionSource.Empty));
    }

    [Fact]
    public void AModelThatReadsTheFutureMustSayHowFar()
    {
        Assert.Throws<ArgumentException>(() => new ModelEntry("x", "x", ModelCapabilities.NeedsFuture, new OptionTable(), (_, s) => new ColdOnlyPolicy(s)));
        Assert.Throws<ArgumentException>(() => new ModelEntry("x", "x", ModelCapabilities.None, new OptionTable(), (_, s) => new ColdOnlyPolicy(s), _ => SimDuration.Zero));
    }

    [Fact]
    public void ATableListsEachKeyOnce() =>
        Assert.Throws<ArgumentException>(() => new OptionTable(ModelOption.Bool("a", true, "first"), ModelOption.Bool("a", false, "again")));
}
