using Faas.Backends.Docker.Engine;

namespace Faas.Backends.Docker.IntegrationTests;

/// <summary>
/// One connection to the real engine for all Docker tests (which run one at a time: they share two
/// cores). Fails loudly, not skips, when the engine or the runtime images are missing. On dispose
/// it checks that no container of this test process is left.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    public DockerContainerEngine Engine { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Engine = await DockerContainerEngine.ConnectAsync();
        foreach (var image in new[] { "faas-runtime-python", "faas-runtime-node" })
        {
            if (await Engine.ImageIdAsync(image, default) is null)
                throw new InvalidOperationException($"image {image} is missing: run scripts/build-runtime-images.sh");
        }
    }

    public async Task DisposeAsync()
    {
        var left = await Engine.Client.Containers.ListContainersAsync(new global::Docker.DotNet.Models.ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Instance}={Engine.Instance}"] = true } },
        });
        await Engine.DisposeAsync();
        Assert.True(left.Count == 0, "containers left by the tests: " + string.Join(", ", left.Select(c => $"{c.Names[0]} {c.State} {c.Labels[ContainerLabels.Policy]}")));
    }
}

[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerFixture>
{
    public const string Name = "docker";
}
