using Midicoth.Models.Composition;
using Midicoth.Models.Formats;
using Midicoth.Models.Transforms;

namespace Midicoth.Fuzz;

/// <summary>
/// Writes the seed inputs of every target (kept in fuzz/seeds/TARGET/): frames of the samples' topologies (byte-wise,
/// bit-wise, with the JPEG model, several blocks, no index, damaged), an MDC7 file, topology texts and bytes, a JPEG's
/// start, command lines. Run once with the corpus at hand: <c>Midicoth.Fuzz --make-seeds fuzz/seeds ../shared/corpus</c>.
/// </summary>
public static class Seeds
{
    private static readonly string[] Topologies =
    [
        "ppm:4,match,word,highorder,denoise:3",
        "ppm:2,match",
        "ctx:1-16,ctx:2-20,ctx:3-22,ctx:5-22,words:22,bitmatch:6-22,mixer:3-6,apm:1-6",
        "jpeg:16,direct:1,ctx:3-16,words:16,text:16,records:16,columns:16,sparse:1-1-16,indirect:1-16,mixer2:5-6,apm:2-6",
        "ppm:2,match,bridge,ctx:1-16,mixer:2-6",
        "deflate,x86,ctx:1-16,mixer:3-6",
    ];

    public static void Make(string dir, string corpus)
    {
        byte[] text = File.ReadAllBytes(Path.Combine(corpus, "alice29.txt")).AsSpan(0, 1500).ToArray();
        byte[] jpeg = File.ReadAllBytes(Path.Combine(corpus, "fireworks.jpeg")).AsSpan(0, 3000).ToArray();
        var small = new MdgOptions { BlockSize = 512 };
        // Text with a zlib stream of itself in it (zlib level 9 as zlib writes it) and a few CALLs: work for both transforms.
        var stream = new byte[text.Length + 64];
        int deflated = Midicoth.Models.Deflate.ZlibDeflater.Deflate(text, Midicoth.Models.Deflate.DeflateParameters.Zlib(9), stream);
        byte[] withStream = [.. text.AsSpan(0, 200), 0x78, 0xDA, .. stream.AsSpan(0, deflated), 0, 0, 0, 0, 0xE8, 0x10, 0, 0, 0, 0xE8, 0x20, 0, 0, 0];
        Write(dir, "transforms", "deflate-forward.bin", [1, .. new DeflateTransform().Forward(withStream)]);
        Write(dir, "transforms", "deflate-plain.bin", [1, .. withStream]);
        Write(dir, "transforms", "x86-forward.bin", [0, .. new X86Transform().Forward(jpeg)]);
        Write(dir, "transforms", "x86-plain.bin", [0, .. jpeg.AsSpan(0, 600)]);
        for (int i = 0; i < Topologies.Length; i++)
        {
            var codec = new PipelineCodec(Topology.Parse(Topologies[i]));
            Write(dir, "mdg", $"topology{i}.mdg", MdgFrame.Compress(codec, i == 3 ? jpeg : i == 5 ? withStream : text));
            Write(dir, "topology", $"topology{i}.txt", System.Text.Encoding.ASCII.GetBytes(Topologies[i]));
            Write(dir, "topology-bytes", $"topology{i}.bin", TopologyBytes.Of(codec.Spec));
        }
        var paper = PipelineCodec.Paper;
        byte[] blocks = MdgFrame.Compress(paper, text, small);
        Write(dir, "mdg", "blocks.mdg", blocks);
        Write(dir, "mdg", "no-index.mdg", MdgFrame.Compress(paper, text, new MdgOptions { BlockSize = 512, WriteIndex = false }));
        Write(dir, "mdg", "empty.mdg", MdgFrame.Compress(paper, []));
        byte[] damaged = (byte[])blocks.Clone();
        damaged[damaged.Length / 2] ^= 0x20;
        Write(dir, "mdg", "damaged.mdg", damaged);
        Write(dir, "mdc7", "paper.mdc", Mdc7Container.Compress(text.AsSpan(0, 400)));
        Write(dir, "reader", "blocks.mdg", blocks);
        Write(dir, "reader", "bit-blocks.mdg", MdgFrame.Compress(new PipelineCodec(Topology.Parse("ctx:1-16,mixer:1-6")), text, small));
        Write(dir, "reader", "no-index.mdg", MdgFrame.Compress(paper, text, new MdgOptions { BlockSize = 256, WriteIndex = false }));
        Write(dir, "jpeg", "fireworks-start.jpg", jpeg);
        Write(dir, "jpeg", "text.txt", text.AsSpan(0, 300).ToArray());
        Write(dir, "cli", "compress.txt", "-c\n-T\n2\n-B\n1M\nfile"u8.ToArray());
        Write(dir, "cli", "decompress.txt", "-d\n-f\n--memory\n2G\n-o\nout\nin.mdg"u8.ToArray());
        Write(dir, "cli", "topology.txt", "--topology\nctx:1-16,mixer\n-l\n-v\na\nb"u8.ToArray());
        Write(dir, "cli", "reference.txt", "compress\nin\nout\n--format\nmdc7"u8.ToArray());
    }

    private static void Write(string dir, string target, string name, byte[] bytes)
    {
        Directory.CreateDirectory(Path.Combine(dir, target));
        File.WriteAllBytes(Path.Combine(dir, target, name), bytes);
    }
}
