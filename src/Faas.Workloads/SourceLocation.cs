namespace Faas.Workloads;

/// <summary>Where a value came from: a file and a 1-based line and column (0 when unknown).</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
