using System.Buffers.Binary;
using System.Xml.Linq;

namespace Faas.Plotting.Tests;

/// <summary>Checks on written chart files.</summary>
internal static class ImageAssert
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The file is a PNG (signature, IHDR) of exactly the given size.</summary>
    public static void IsPng(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"missing {path}");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} is suspiciously small ({bytes.Length} bytes)");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    /// <summary>The file is well-formed SVG XML with the given width and height attributes and some drawing in it.</summary>
    public static void IsSvg(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"missing {path}");
        Assert.True(new FileInfo(path).Length > 1000, $"{path} is suspiciously small");
        XDocument doc = XDocument.Load(path);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        Assert.Equal(width.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)doc.Root.Attribute("width"));
        Assert.Equal(height.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)doc.Root.Attribute("height"));
        Assert.Contains(doc.Descendants(), e => e.Name.LocalName is "path" or "text");
    }
}
