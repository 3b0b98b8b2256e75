using Faas.Backends.Docker.Store;

namespace Faas.Backends.Docker.Tests.Unit;

public sealed class FunctionStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "faas-store-tests", Guid.NewGuid().ToString("N")[..8]);

    private FunctionStore NewStore() => new(Path.Combine(_dir, "sub", "functions.db"));

    [Fact]
    public void Creates_the_file_and_its_folder_and_keeps_data_across_instances()
    {
        var s = NewStore();
        Assert.True(s.TryAddRuntime("python", "faas-runtime-python", "sha256:abc", 128L << 20, out _));
        s.PutFunction("f", "python", "code"u8.ToArray(), false, "main");
        var again = NewStore();
        Assert.Equal("faas-runtime-python", again.GetRuntime("python")!.Image);
        Assert.Equal("code"u8.ToArray(), again.GetFunction("f")!.Code);
    }

    [Fact]
    public void Updating_a_function_stores_a_new_version_and_the_highest_is_current()
    {
        var s = NewStore();
        s.TryAddRuntime("python", "img", "id", 1, out _);
        Assert.Equal(1, s.PutFunction("f", "python", [1], false, "main").Version);
        Assert.Equal(2, s.PutFunction("f", "python", [2], true, "handler").Version);
        var f = s.GetFunction("f")!;
        Assert.Equal(2, f.Version);
        Assert.True(f.Binary);
        Assert.Equal("handler", f.Main);
        Assert.Equal(2, s.CurrentVersion("f"));
        Assert.Single(s.ListFunctions());
        Assert.True(s.DeleteFunction("f"));
        Assert.Equal(0, s.CurrentVersion("f"));
        Assert.False(s.DeleteFunction("f"));
    }

    [Fact]
    public void A_duplicate_runtime_is_refused_and_a_function_needs_its_runtime()
    {
        var s = NewStore();
        Assert.True(s.TryAddRuntime("python", "img", "id", 1, out _));
        Assert.False(s.TryAddRuntime("python", "other", "id2", 2, out _));
        Assert.Equal("img", s.GetRuntime("python")!.Image);
        Assert.ThrowsAny<Microsoft.Data.Sqlite.SqliteException>(() => s.PutFunction("f", "perl", [1], false, "main"));
    }

    [Fact]
    public void Sql_metacharacters_are_data_not_sql()
    {
        var s = NewStore();
        const string evil = "x'); DROP TABLE functions; --";
        Assert.True(s.TryAddRuntime(evil, "img", "id", 1, out _));
        s.PutFunction(evil, evil, [1], false, "main");
        Assert.NotNull(s.GetFunction(evil));
        Assert.Single(s.ListFunctions());
    }

    [Theory]
    [InlineData("python", true)]
    [InlineData("my-fn_2.v1", true)]
    [InlineData("", false)]
    [InlineData("-lead", false)]
    [InlineData("a b", false)]
    [InlineData("../etc", false)]
    [InlineData("x'y", false)]
    public void Names_are_checked(string name, bool ok) => Assert.Equal(ok, NameRules.CheckName("function", name) is null);

    [Theory]
    [InlineData("faas-runtime-python", true)]
    [InlineData("faas-runtime-python:latest", true)]
    [InlineData("registry.local/team/img:1.0", true)]
    [InlineData("Bad Image", false)]
    [InlineData("img;rm -rf /", false)]
    public void Images_are_checked(string image, bool ok) => Assert.Equal(ok, NameRules.CheckImage(image) is null);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
