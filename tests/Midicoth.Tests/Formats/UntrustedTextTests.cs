using System.Text;

namespace Midicoth.Tests;

/// <summary>Text from a file never reaches a message raw: no control byte, no escape sequence, bounded length.</summary>
public class UntrustedTextTests
{
    private static readonly ICodec Cheap = new PipelineCodec(Topology.Parse("ppm:2,match"));

    private static bool HasControl(string s) => s.Any(c => c < ' ' || c == (char)127 || c is >= '\u0080' and <= '\u009f');

    /// <summary>A version 2 frame (which stored the topology as text) whose text is <paramref name="topology"/>.</summary>
    private static byte[] FrameWithTopology(byte[] topology) =>
        LegacyFrames.WithTextTopology(MdgFrame.Compress(Cheap, Encoding.ASCII.GetBytes("hello, hello, hello"), new MdgOptions { WriteIndex = false }), 2, topology);

    [Theory]
    [InlineData("p\npm:4,match")]
    [InlineData("ppm:4,\u001b[2J\u001b[31mmatch")]
    [InlineData("ppm:4,match\r\u0007\u0000")]
    public void A_topology_with_control_bytes_gives_a_one_line_message_with_them_escaped(string topology)
    {
        byte[] frame = FrameWithTopology(Encoding.Latin1.GetBytes(topology));
        var e = Assert.Throws<MidicothFormatException>(() => MdgFrame.Decompress(frame));
        Assert.StartsWith("corrupt header: bad topology '", e.Message);
        Assert.False(HasControl(e.Message), $"raw control character in: {e.Message}");
        Assert.Contains(UntrustedText.Quote(topology), e.Message);
    }

    [Fact]
    public void Bytes_above_ascii_and_long_text_are_escaped_and_cut()
    {
        byte[] topology = Encoding.Latin1.GetBytes("ppm:4,m\u00e9\u009bt" + new string('x', 200));
        var e = Assert.Throws<MidicothFormatException>(() => MdgFrame.Decompress(FrameWithTopology(topology)));
        Assert.False(HasControl(e.Message), e.Message);
        Assert.Contains("\\u00e9\\u009b", e.Message);
        Assert.True(e.Message.Length < 600, $"{e.Message.Length} characters");
        Assert.Contains("…", e.Message);
    }

    [Fact]
    public void Escape_and_line_rules()
    {
        Assert.Equal("'a\\nb\\x1b[0m\\'\\\\'", UntrustedText.Quote("a\nb\u001b[0m'\\"));
        Assert.Equal("name: x\\x0ay", UntrustedText.Line("name: x\ny"));
        Assert.Equal("plain 'text'", UntrustedText.Line("plain 'text'"));
        Assert.Equal(UntrustedText.MaxShown + 3, UntrustedText.Quote(new string('a', 500)).Length);
    }

    [Fact]
    public void The_cli_prints_one_clean_line_for_such_a_file()
    {
        string dir = Directory.CreateTempSubdirectory("midicoth-untrusted").FullName;
        try
        {
            string path = Path.Combine(dir, "evil.mdg");
            File.WriteAllBytes(path, FrameWithTopology(Encoding.Latin1.GetBytes("ppm:4,\u001b]0;pwned\u0007\nmatch")));
            var error = new StringWriter();
            var host = new Midicoth.Cli.CliHost("midicoth", Cheap) { Error = error, Out = TextWriter.Null, ErrorIsTerminal = false };
            int code = host.Run(["-d", "-f", path]);
            Assert.Equal(3, code);
            string text = error.ToString();
            Assert.Equal(1, text.Count(c => c == '\n'));
            Assert.False(HasControl(text.TrimEnd('\n')), text);
            Assert.False(File.Exists(Path.Combine(dir, "evil")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
