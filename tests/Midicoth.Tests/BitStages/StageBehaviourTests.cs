namespace Midicoth.Tests;

/// <summary>
/// Each bit-wise stage kind does what its summary says: on data made of the structure it models, a topology with it
/// codes in fewer bytes than the same topology without it; the record model finds the record length of real tables.
/// </summary>
public class StageBehaviourTests
{
    private static byte[] Payload(string topology, byte[] data) => new PipelineCodec(Topology.Parse(topology)).EncodePayload(data);

    /// <summary>Rows of <paramref name="width"/> bytes: a running number, fixed text, a random digit field, a separator.</summary>
    private static byte[] Table(int rows, int width, int seed)
    {
        var random = new Random(seed);
        var data = new List<byte>();
        for (int r = 0; r < rows; r++)
        {
            string row = $"{r:D6};item-{random.Next(10):D1};{random.Next(100000):D5};status=ok;";
            data.AddRange(System.Text.Encoding.ASCII.GetBytes(row.PadRight(width - 1, ' ') + "\n"));
        }
        return data.ToArray();
    }

    [Theory]
    [InlineData(37)]
    [InlineData(64)]
    [InlineData(301)]
    public void The_record_model_finds_the_row_length_of_a_table(int width)
    {
        var stage = new RecordStage(16, 1 << 20);
        BitDriver.Run(ref stage, Table(200, width, width));
        Assert.Equal(width, stage.Length);
    }

    [Fact]
    public void The_record_model_finds_a_record_length_of_a_real_table()
    {
        // kppkn.gtb is a table of 64-byte fields in 512-byte records (its bytes repeat most often at those distances).
        SharedData.Require();
        byte[] table = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", "kppkn.gtb"));
        var stage = new RecordStage(16, table.Length);
        BitDriver.Run(ref stage, table);
        Assert.Contains(stage.Length, new[] { 64, 512 });
    }

    [Fact]
    public void Records_pay_on_a_table()
    {
        byte[] table = Table(400, 61, 1);
        Assert.True(Payload("ctx:1-18,records:18,mixer:3-6", table).Length < 0.9 * Payload("ctx:1-18,mixer:3-6", table).Length);
    }

    [Fact]
    public void Columns_pay_on_lines_aligned_in_columns()
    {
        // Lines of varying length (so no fixed record length) whose columns line up: a column's byte follows the one above.
        var random = new Random(2);
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 1500; i++) text.Append($"{(i % 7 == 0 ? "ERROR" : "INFO ")} | {random.Next(3):D1} | module-{random.Next(4)} |{new string('.', random.Next(1, 12))}\n");
        byte[] lines = System.Text.Encoding.ASCII.GetBytes(text.ToString());
        Assert.True(Payload("ctx:1-18,columns:18,mixer:3-6", lines).Length < 0.95 * Payload("ctx:1-18,mixer:3-6", lines).Length);
    }

    [Fact]
    public void Columns_pay_where_a_line_goes_on_as_it_began()
    {
        // 32 lines, each a random start, 24 equal bytes, then an ending that goes with its start; drawn at random
        // over and over. The ending is past the reach of every order and the line above is another line: only
        // the line so far predicts it.
        var random = new Random(5);
        string Letters(int n) => new string(Enumerable.Range(0, n).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var kinds = Enumerable.Range(0, 32).Select(_ => (Start: Letters(6), End: Letters(10))).ToArray();
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 2000; i++)
        {
            var (start, end) = kinds[random.Next(kinds.Length)];
            text.Append(start).Append('=', 24).Append(end).Append('\n');
        }
        byte[] lines = System.Text.Encoding.ASCII.GetBytes(text.ToString());
        int with = Payload("ctx:1-18,ctx:3-18,columns:18,mixer:3-6", lines).Length;
        int without = Payload("ctx:1-18,ctx:3-18,mixer:3-6", lines).Length;
        Assert.True(with < 0.6 * without, $"columns: {with} against {without}");
    }

    [Fact]
    public void Sparse_contexts_pay_where_a_byte_follows_one_further_back()
    {
        // A random byte, then one determined by the byte three places back (sparse:2-1: skip the last two, take one).
        var random = new Random(3);
        var data = new byte[40_000];
        for (int i = 0; i < data.Length; i++) data[i] = i % 2 == 0 ? (byte)random.Next(256) : (byte)(data[Math.Max(i - 3, 0)] ^ 0x5A);
        Assert.True(Payload("ctx:1-18,sparse:2-1-18,mixer:3-6", data).Length < 0.95 * Payload("ctx:1-18,mixer:3-6", data).Length);
    }

    [Fact]
    public void Word_contexts_pay_on_text()
    {
        SharedData.Require();
        byte[] text = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", "alice29.txt")).AsSpan(0, 60_000).ToArray();
        int without = Payload("ctx:1-18,ctx:2-18,mixer:3-6", text).Length;
        int words = Payload("ctx:1-18,ctx:2-18,words:18,mixer:3-6", text).Length;
        int more = Payload("ctx:1-18,ctx:2-18,words:18,text:18,mixer:3-6", text).Length;
        Assert.True(words < 0.97 * without, $"words: {words} against {without}");
        Assert.True(more < words, $"text: {more} against {words}");
    }

    [Fact]
    public void Indirect_contexts_pay_where_what_follows_a_byte_repeats()
    {
        // Each byte value is followed by the same few successors over and over, in an order that changes: what
        // followed this byte last time predicts what follows it now better than the byte alone.
        var random = new Random(4);
        var data = new byte[60_000];
        var next = new byte[256];
        for (int i = 0; i < 256; i++) next[i] = (byte)random.Next(256);
        for (int i = 1; i < data.Length; i++)
        {
            if (random.Next(8) == 0) next[data[i - 1]] = (byte)random.Next(256);
            data[i] = next[data[i - 1]];
        }
        Assert.True(Payload("ctx:2-18,indirect:1-18,mixer:3-6", data).Length < 0.97 * Payload("ctx:2-18,mixer:3-6", data).Length);
    }

    [Fact]
    public void The_two_layer_mixer_beats_one_set_on_mixed_data()
    {
        SharedData.Require();
        byte[] text = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", "alice29.txt")).AsSpan(0, 30_000).ToArray();
        byte[] data = [.. text, .. Table(300, 61, 5)];
        const string stages = "ctx:1-18,ctx:2-18,ctx:3-18,records:18,words:18,";
        Assert.True(Payload(stages + "mixer2:5-6", data).Length < Payload(stages + "mixer:0-6", data).Length);
    }
}
