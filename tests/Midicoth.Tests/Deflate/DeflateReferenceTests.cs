using System.IO.Hashing;
using Midicoth.Models.Deflate;

namespace Midicoth.Tests;

/// <summary>
/// Our deflate encoder against the real zlib and GNU gzip: the length and CRC-32 of the raw stream each made of the
/// corpus files, at levels 1..9, other window and memory levels, both flavours (<c>Data/references.tsv</c>, written by
/// <c>Data/make-references.py</c> with Python's zlib module, which is zlib itself, and gzip 1.12). Recompression keeps
/// a stream only where this matches bit for bit, so every row must.
/// </summary>
public class DeflateReferenceTests
{
    public static TheoryData<string, string, int, int, int, int, string> References()
    {
        var rows = new TheoryData<string, string, int, int, int, int, string>();
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Deflate", "Data", "references.tsv")))
        {
            if (line.StartsWith('#')) continue;
            string[] f = line.Split('\t');
            rows.Add(f[0], f[1], int.Parse(f[2]), int.Parse(f[3]), int.Parse(f[4]), int.Parse(f[5]), f[6]);
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(References))]
    public void Our_deflate_makes_the_same_stream_as_zlib_and_gzip(string file, string flavour, int level, int windowBits, int memLevel, int length, string crc)
    {
        byte[] data = SharedData.Corpus(file);
        var parameters = new DeflateParameters(level, windowBits, memLevel, flavour == "gzip");
        var output = new byte[length + 1024];
        int written = ZlibDeflater.Deflate(data, parameters, output);
        Assert.Equal(length, written);
        Assert.Equal(crc, Crc32.HashToUInt32(output.AsSpan(0, written)).ToString("x8"));
        Assert.True(Inflater.TryInflate(output.AsSpan(0, written), data.Length, out byte[] content, out int streamLength, out _));
        Assert.Equal(written, streamLength);
        Assert.Equal(data, content);
    }
}
