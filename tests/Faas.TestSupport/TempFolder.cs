namespace Faas.TestSupport;

/// <summary>A fresh temporary folder for one test, deleted (best effort) on dispose.</summary>
public class TempFolder : IDisposable
{
    public TempFolder(string prefix = "faas-test-") => Dir = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The folder.</summary>
    public string Dir { get; }

    /// <summary>A path inside the folder (not created).</summary>
    public string Sub(params string[] parts) => Path.Combine([Dir, .. parts]);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        string p = Sub(name);
        File.WriteAllText(p, text);
        return p;
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}
