using System.Runtime.CompilerServices;

// The parts of ContainerTable (Containers/) are internal: policies use the table, and the parts
// are tested directly, each for its own job.
[assembly: InternalsVisibleTo("Faas.Platform.Tests")]
