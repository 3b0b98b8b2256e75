namespace Faas.Plotting.Tests;

public sealed class PaletteTests
{
    [Theory]
    [InlineData("keep-alive", "keep-alive")]
    [InlineData("keep-alive ttl=5m", "keep-alive")]
    [InlineData("prewarm-pool(size=4)", "prewarm-pool")]
    [InlineData("hybrid-histogram", "hybrid-histogram")]
    [InlineData("my-policy v2", "my-policy")]
    public void Family_is_the_known_name_the_label_starts_with(string label, string family) =>
        Assert.Equal(family, ModelPalette.FamilyOf(label));

    [Fact]
    public void Sweep_labels_get_distinct_shades_and_the_plain_label_keeps_the_family_colour()
    {
        var palette = new ModelPalette(["keep-alive", "keep-alive ttl=1m", "keep-alive ttl=5m", "keep-alive ttl=30m", "prewarm-pool"]);

        var shades = new[] { "keep-alive ttl=1m", "keep-alive ttl=5m", "keep-alive ttl=30m" }.Select(palette.ColorFor).ToList();
        Assert.Equal(ModelPalette.FamilyColors["keep-alive"], palette.ColorFor("keep-alive"));
        Assert.Equal(ModelPalette.FamilyColors["prewarm-pool"], palette.ColorFor("prewarm-pool"));
        Assert.Equal(3, shades.Distinct().Count());
        Assert.True(shades[0].Luminance < shades[2].Luminance, "shades run from dark to light");
    }

    [Fact]
    public void Unknown_families_get_the_same_colour_every_time()
    {
        Assert.Equal(ModelPalette.FamilyColor("my-policy"), new ModelPalette(["my-policy"]).ColorFor("my-policy"));
        Assert.Equal(ModelPalette.FamilyColor("my-policy"), ModelPalette.FamilyColor("my-policy"));
    }
}
