namespace Faas.Backends.Docker.Store;

/// <summary>
/// One version of a function: its code (source text as UTF-8, or a zip when <see cref="Binary"/>),
/// the runtime it runs on and its entry point. Updating a function stores a new version.
/// </summary>
public sealed record FunctionRecord(string Name, string Runtime, byte[] Code, bool Binary, string Main, int Version, DateTimeOffset Created);
