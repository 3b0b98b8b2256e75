using Faas.Platform.Containers;

namespace Faas.Platform.Tests;

/// <summary>The intrusive idle lists: per-key MRU/LRU order, per-node LRU order, the overall LRU victim.</summary>
public class IdleListsTests
{
    /// <summary>Idle lists over started containers (ids 0, 1, …, spread over the nodes), held as the table holds them: by value, used in place.</summary>
    private sealed class Lists
    {
        private ContainerSlots _slots = new();
        private IdleLists _idle;

        public Lists(int nodes, int containers)
        {
            _idle = new IdleLists(nodes);
            for (int i = 0; i < containers; i++) _slots.Start(0, 0, i, 100, -1, i % nodes);
        }

        public ref ContainerSlots Slots => ref _slots;
        public void Append(int id, int key, int node, long since) => _idle.Append(ref _slots, id, key, node, since);
        public void Remove(int id) => _idle.Remove(ref _slots, id);
        public int Count(int key) => _idle.Count(key);
        public int MostRecent(int key) => _idle.MostRecent(key);
        public int LeastRecent(int key) => _idle.LeastRecent(key);
        public int LeastRecentOnNode(int node) => _idle.LeastRecentOnNode(node);
        public int LeastRecentOverall => _idle.LeastRecentOverall(in _slots);
        public IdleLink Link(int id) => _slots[id].Idle;

        public List<int> KeyOrder(int key)
        {
            var order = new List<int>();
            for (int c = LeastRecent(key); c >= 0; c = Link(c).NextKey) order.Add(c);
            return order;
        }

        public List<int> NodeOrder(int node)
        {
            var order = new List<int>();
            for (int c = LeastRecentOnNode(node); c >= 0; c = Link(c).NextLru) order.Add(c);
            return order;
        }
    }

    [Fact]
    public void AKeyRunsFromTheLongestIdleToTheMostRecent()
    {
        var lists = new Lists(1, 4);
        lists.Append(2, key: 0, node: 0, since: 10);
        lists.Append(0, key: 0, node: 0, since: 20);
        lists.Append(3, key: 1, node: 0, since: 25);
        lists.Append(1, key: 0, node: 0, since: 30);
        Assert.Equal([2, 0, 1], lists.KeyOrder(0));
        Assert.Equal((2, 1, 3), (lists.LeastRecent(0), lists.MostRecent(0), lists.Count(0)));
        Assert.Equal(-1, lists.Link(2).PrevKey);
        Assert.Equal(0, lists.Link(1).PrevKey);
        Assert.Equal([3], lists.KeyOrder(1));
        Assert.Equal([2, 0, 3, 1], lists.NodeOrder(0)); // the node's list mixes keys, still by time
    }

    [Theory]
    [InlineData(0)] // head
    [InlineData(1)] // middle
    [InlineData(2)] // tail
    public void RemovingAnyMemberKeepsTheOthersInOrder(int removed)
    {
        var lists = new Lists(1, 3);
        for (int id = 0; id < 3; id++) lists.Append(id, key: 5, node: 0, since: id);
        lists.Remove(removed);
        var rest = new[] { 0, 1, 2 }.Where(id => id != removed).ToList();
        Assert.Equal(rest, lists.KeyOrder(5));
        Assert.Equal(rest, lists.NodeOrder(0));
        Assert.Equal(2, lists.Count(5));
        Assert.Equal((-1, -1), (lists.Link(removed).Key, lists.Link(removed).NextKey));
        Assert.Equal(rest[^1], lists.MostRecent(5));
    }

    [Fact]
    public void EmptyAndUnknownKeysHaveNoMembers()
    {
        var lists = new Lists(1, 1);
        Assert.Equal((-1, -1, 0), (lists.MostRecent(99), lists.LeastRecent(99), lists.Count(99)));
        Assert.Equal(-1, lists.LeastRecentOverall);
        lists.Append(0, key: 3, node: 0, since: 1);
        lists.Remove(0);
        Assert.Equal((-1, -1, 0), (lists.MostRecent(3), lists.LeastRecent(3), lists.Count(3)));
        Assert.Equal(-1, lists.LeastRecentOnNode(0));
    }

    [Fact]
    public void EachNodeHasItsOwnLruListAndTheVictimIsTheOldestHead()
    {
        var lists = new Lists(3, 4);
        lists.Append(0, key: 0, node: 2, since: 5);
        lists.Append(1, key: 0, node: 1, since: 7);
        lists.Append(2, key: 1, node: 2, since: 9);
        Assert.Equal([0, 2], lists.NodeOrder(2));
        Assert.Equal([1], lists.NodeOrder(1));
        Assert.Empty(lists.NodeOrder(0));
        Assert.Equal(0, lists.LeastRecentOverall);
        lists.Remove(0);
        Assert.Equal(1, lists.LeastRecentOverall); // node 1's head (7) is now older than node 2's (9)
        Assert.Equal(2, lists.Link(2).Node);
    }

    [Fact]
    public void BetweenNodesIdleSinceTheSameTimeTheFirstNodeLoses()
    {
        var lists = new Lists(2, 2);
        lists.Append(0, key: 0, node: 1, since: 4);
        lists.Append(1, key: 0, node: 0, since: 4);
        Assert.Equal(1, lists.LeastRecentOverall);
    }

    [Fact]
    public void SinceOutlivesTheListUntilANewContainerStartsInTheSlot()
    {
        var lists = new Lists(1, 1);
        Assert.Equal((0L, -1), (lists.Link(0).Since, lists.Link(0).Key));
        lists.Append(0, key: 0, node: 0, since: 123);
        lists.Remove(0);
        Assert.Equal(123, lists.Link(0).Since); // the last time it became idle
        lists.Slots.Free(0);
        Assert.Equal(123, lists.Link(0).Since);
        Assert.Equal(0, lists.Slots.Start(200, 0, 0, 100, -1, 0));
        Assert.Equal((0L, -1), (lists.Link(0).Since, lists.Link(0).Key));
    }

    [Fact]
    public void TheLinksLiveInTheContainersRecords()
    {
        var lists = new Lists(1, 2);
        lists.Append(1, key: 4, node: 0, since: 9);
        lists.Append(0, key: 4, node: 0, since: 10);
        Assert.Equal((4, 0, 9L), (lists.Slots[1].Idle.Key, lists.Slots[1].Idle.NextKey, lists.Slots[1].Idle.Since));
        Assert.Equal((1, -1), (lists.Slots[0].Idle.PrevKey, lists.Slots[0].Idle.NextKey));
    }

    [Fact]
    public void AppendingAnIdleContainerAgainOrRemovingOneNotIdleThrows()
    {
        var lists = new Lists(1, 2);
        lists.Append(0, key: 0, node: 0, since: 1);
        Assert.Throws<InvalidOperationException>(() => lists.Append(0, key: 1, node: 0, since: 2));
        Assert.Throws<InvalidOperationException>(() => lists.Remove(1));
        Assert.Equal([0], lists.KeyOrder(0));
        Assert.Equal(0, lists.Count(1));
    }

    [Fact]
    public void RandomAppendsAndRemovalsMatchAnOrderedModel()
    {
        const int Slots = 40, Keys = 3, Nodes = 2;
        var lists = new Lists(Nodes, Slots);
        var model = new List<(int Id, int Key, int Node)>(); // in the order they became idle
        var random = new Random(18); // seeded: the same sequence on every run
        for (long t = 0; t < 5000; t++)
        {
            int id = random.Next(Slots);
            int at = model.FindIndex(m => m.Id == id);
            if (at >= 0)
            {
                lists.Remove(id);
                model.RemoveAt(at);
            }
            else
            {
                var entry = (id, random.Next(Keys), random.Next(Nodes));
                lists.Append(id, entry.Item2, entry.Item3, since: t);
                model.Add(entry);
            }
            for (int k = 0; k < Keys; k++)
                Assert.Equal(model.Where(m => m.Key == k).Select(m => m.Id), lists.KeyOrder(k));
            for (int n = 0; n < Nodes; n++)
                Assert.Equal(model.Where(m => m.Node == n).Select(m => m.Id), lists.NodeOrder(n));
            Assert.Equal(model.Count > 0 ? model[0].Id : -1, lists.LeastRecentOverall);
        }
    }
}
