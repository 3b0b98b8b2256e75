using System.Globalization;
using System.Runtime.InteropServices;

namespace Faas.Backends.Docker.Engine;

/// <summary>
/// Host process facts for owning containers: this process's pid and its start time (so a recycled
/// pid is not mistaken for the owner), and <c>chown</c>, which .NET does not expose.
/// </summary>
internal static partial class HostProcess
{
    public static int Pid { get; } = Environment.ProcessId;

    /// <summary>Start time of this process in clock ticks since boot (field 22 of /proc/self/stat), "0" where unknown.</summary>
    public static string StartTime { get; } = ReadStartTime(Environment.ProcessId) ?? "0";

    /// <summary>Whether process <paramref name="pid"/> exists and started at <paramref name="startTime"/>.</summary>
    public static bool IsAlive(int pid, string startTime)
    {
        if (pid <= 0) return false;
        var actual = ReadStartTime(pid);
        if (actual is null) return false;
        return startTime == "0" || actual == startTime;
    }

    private static string? ReadStartTime(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            int close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : null; // fields after ')' start at field 3
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ChownNative(string path, uint owner, uint group);

    /// <summary>Changes the owner of <paramref name="path"/>; false when not permitted (not root).</summary>
    public static bool TryChown(string path, uint uid, uint gid)
    {
        try { return ChownNative(path, uid, gid) == 0; }
        catch (DllNotFoundException) { return false; }
        catch (EntryPointNotFoundException) { return false; }
    }
}
