using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Faas.Backends.Docker.Store;

/// <summary>
/// The function database: one SQLite file with tables <c>runtimes</c> (name, image, image id,
/// memory, created) and <c>functions</c> (name, runtime, code blob, binary, entry point, version,
/// created; one row per version, the highest is current). Parameterised SQL only; names are
/// checked by <see cref="NameRules"/> before they get here. Safe to use from several threads
/// (each operation opens a pooled connection).
/// </summary>
public sealed class FunctionStore
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    public FunctionStore(string path, TimeProvider? time = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        _time = time ?? TimeProvider.System;
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 10 }.ToString();
        using var c = Open();
        Execute(c, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS runtimes (
                name TEXT PRIMARY KEY,
                image TEXT NOT NULL,
                image_id TEXT NOT NULL,
                memory_bytes INTEGER NOT NULL,
                created TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS functions (
                name TEXT NOT NULL,
                version INTEGER NOT NULL,
                runtime TEXT NOT NULL REFERENCES runtimes(name),
                code BLOB NOT NULL,
                binary INTEGER NOT NULL,
                main TEXT NOT NULL,
                created TEXT NOT NULL,
                PRIMARY KEY (name, version));
            """);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>
    /// The default file: <c>$XDG_DATA_HOME/faas-sim/functions.db</c>, else
    /// <c>~/.local/share/faas-sim/functions.db</c> (the platform's local application data folder).
    /// </summary>
    public static string DefaultPath()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        string baseDir = !string.IsNullOrEmpty(xdg) ? xdg : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(baseDir)) baseDir = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return System.IO.Path.Combine(baseDir, "faas-sim", "functions.db");
    }

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA foreign_keys = ON;";
        cmd.ExecuteNonQuery();
        return c;
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>Adds a runtime; false (and nothing changed) when the name is taken.</summary>
    public bool TryAddRuntime(string name, string image, string imageId, long memoryBytes, out RuntimeRecord record)
    {
        record = new RuntimeRecord(name, image, imageId, memoryBytes, _time.GetUtcNow());
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT OR IGNORE INTO runtimes (name, image, image_id, memory_bytes, created) VALUES ($name, $image, $id, $mem, $created)";
        cmd.Parameters.AddWithValue("$name", name);
        cmd.Parameters.AddWithValue("$image", image);
        cmd.Parameters.AddWithValue("$id", imageId);
        cmd.Parameters.AddWithValue("$mem", memoryBytes);
        cmd.Parameters.AddWithValue("$created", record.Created.ToString("O", CultureInfo.InvariantCulture));
        return cmd.ExecuteNonQuery() == 1;
    }

    public RuntimeRecord? GetRuntime(string name) => Runtimes(name).FirstOrDefault();

    /// <summary>All runtimes, by name.</summary>
    public IReadOnlyList<RuntimeRecord> ListRuntimes() => Runtimes(null);

    private List<RuntimeRecord> Runtimes(string? name)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name, image, image_id, memory_bytes, created FROM runtimes" + (name is null ? "" : " WHERE name = $name") + " ORDER BY name";
        if (name is not null) cmd.Parameters.AddWithValue("$name", name);
        using var r = cmd.ExecuteReader();
        var list = new List<RuntimeRecord>();
        while (r.Read()) list.Add(new RuntimeRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), ParseTime(r.GetString(4))));
        return list;
    }

    /// <summary>Stores <paramref name="name"/> as a new version (1 for a new function) and returns it. The runtime must exist.</summary>
    public FunctionRecord PutFunction(string name, string runtime, byte[] code, bool binary, string main)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO functions (name, version, runtime, code, binary, main, created)
            VALUES ($name, (SELECT COALESCE(MAX(version), 0) + 1 FROM functions WHERE name = $name), $runtime, $code, $binary, $main, $created)
            RETURNING version
            """;
        var created = Now();
        cmd.Parameters.AddWithValue("$name", name);
        cmd.Parameters.AddWithValue("$runtime", runtime);
        cmd.Parameters.Add("$code", SqliteType.Blob).Value = code;
        cmd.Parameters.AddWithValue("$binary", binary ? 1 : 0);
        cmd.Parameters.AddWithValue("$main", main);
        cmd.Parameters.AddWithValue("$created", created);
        int version = Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        tx.Commit();
        return new FunctionRecord(name, runtime, code, binary, main, version, ParseTime(created));
    }

    /// <summary>The current version of <paramref name="name"/> without its code, or 0 when there is none (cheap: one indexed lookup).</summary>
    public int CurrentVersion(string name)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM functions WHERE name = $name";
        cmd.Parameters.AddWithValue("$name", name);
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The current version of <paramref name="name"/> with its code, or null.</summary>
    public FunctionRecord? GetFunction(string name) => Functions(name, withCode: true).FirstOrDefault();

    /// <summary>The current version of every function, by name (code left empty: use <see cref="GetFunction"/>).</summary>
    public IReadOnlyList<FunctionRecord> ListFunctions() => Functions(null, withCode: false);

    private List<FunctionRecord> Functions(string? name, bool withCode)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT f.name, f.runtime, {(withCode ? "f.code" : "length(f.code)")}, f.binary, f.main, f.version, f.created
            FROM functions f
            WHERE f.version = (SELECT MAX(version) FROM functions g WHERE g.name = f.name)
            {(name is null ? "" : "AND f.name = $name")}
            ORDER BY f.name
            """;
        if (name is not null) cmd.Parameters.AddWithValue("$name", name);
        using var r = cmd.ExecuteReader();
        var list = new List<FunctionRecord>();
        while (r.Read())
        {
            byte[] code = withCode ? (byte[])r.GetValue(2) : new byte[0];
            list.Add(new FunctionRecord(r.GetString(0), r.GetString(1), code, r.GetInt64(3) != 0, r.GetString(4), r.GetInt32(5), ParseTime(r.GetString(6))));
        }
        return list;
    }

    /// <summary>The code size of the current version of every function, by name (for listings).</summary>
    public IReadOnlyDictionary<string, long> CodeSizes()
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT f.name, length(f.code) FROM functions f WHERE f.version = (SELECT MAX(version) FROM functions g WHERE g.name = f.name)";
        using var r = cmd.ExecuteReader();
        var d = new Dictionary<string, long>(StringComparer.Ordinal);
        while (r.Read()) d[r.GetString(0)] = r.GetInt64(1);
        return d;
    }

    /// <summary>Deletes every version of <paramref name="name"/>; false when there was none.</summary>
    public bool DeleteFunction(string name)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM functions WHERE name = $name";
        cmd.Parameters.AddWithValue("$name", name);
        return cmd.ExecuteNonQuery() > 0;
    }
}
