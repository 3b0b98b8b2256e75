namespace Faas.Backends.Docker.Pool;

/// <summary>The <c>error_kind</c> words of failed calls (stable: scripts match on them).</summary>
public static class ErrorKinds
{
    public const string NotFound = "not_found";
    public const string BadRequest = "bad_request";
    public const string FunctionError = "function_error";
    public const string InitError = "init_error";
    public const string Timeout = "timeout";
    public const string OutOfMemory = "out_of_memory";
    public const string Crashed = "crashed";
    public const string StartFailed = "start_failed";
    public const string Dropped = "dropped";
    public const string ShuttingDown = "shutting_down";
}
