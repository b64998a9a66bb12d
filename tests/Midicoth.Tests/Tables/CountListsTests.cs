
namespace Midicoth.Tests;

public class CountListsTests
{
    [Fact]
    public void Lists_grow_independently_and_keep_their_counts()
    {
        var lists = new CountLists();
        int a = lists.Add();
        int b = lists.Add();
        for (int s = 0; s < 256; s++)
        {
            for (int k = 0; k <= s % 3; k++) lists.Counter(a, (byte)s)++;
            if (s % 5 == 0) lists.Counter(b, (byte)s) += 10;
        }
        Assert.Equal(256, lists.Length(a));
        Assert.Equal(52, lists.Length(b));
        for (int s = 0; s < 256; s++)
        {
            Assert.Equal(s % 3 + 1, lists.CountOf(a, (byte)s));
            Assert.Equal(s % 5 == 0 ? 10 : 0, lists.CountOf(b, (byte)s));
        }
    }

    [Fact]
    public void Context_table_refuses_new_contexts_beyond_its_capacity()
    {
        var table = new ContextTable(maxContexts: 3);
        Assert.Equal(0, table.FindOrAdd(11));
        Assert.Equal(1, table.FindOrAdd(12));
        Assert.Equal(2, table.FindOrAdd(13));
        Assert.Equal(-1, table.FindOrAdd(14));
        Assert.Equal(1, table.FindOrAdd(12));
        Assert.Equal(-1, table.Find(14));
    }
}
