using Midicoth.Models.BitWise;
using Midicoth.Models.BitPrimitives;

namespace Midicoth.Tests;

/// <summary>
/// The JPEG model (<see cref="JpegStage"/>, <see cref="JpegScan"/>). The fixtures in Jpeg/ are a 120×90 crop of the
/// corpus's fireworks.jpeg, encoded here by libjpeg-turbo's cjpeg: <c>fx_444</c> (-quality 90 -sample 1x1), <c>fx_420_restart</c>
/// (-sample 2x2 -restart 2 -optimize: subsampled, restart markers every two MCU rows, its own Huffman tables),
/// <c>fx_gray</c> (-grayscale: one component, a non-interleaved scan), <c>fx_progressive</c> (-progressive).
/// </summary>
public class JpegStageTests
{
    private const string Small = "jpeg:16,ctx:1-16,ctx:2-16,mixer:3-6";
    private const string SmallWithout = "ctx:1-16,ctx:2-16,mixer:3-6";

    private static byte[] Fixture(string name)
    {
        Assert.True(SharedData.RepoRoot != null, "the tests run from inside the repository");
        return File.ReadAllBytes(Path.Combine(SharedData.RepoRoot!, "tests", "Midicoth.Tests", "BitStages", "Jpeg", name + ".jpg"));
    }

    /// <summary>Feeds <paramref name="data"/> to a scan follower as the coder would; returns how many scan bits it followed.</summary>
    private static int Follow(JpegScan scan, byte[] data)
    {
        ulong last8 = 0;
        int followed = 0;
        foreach (byte b in data)
        {
            for (int i = 7; i >= 0; i--)
            {
                if (!scan.Decoding || scan.Stuffing) continue;
                scan.Bit((b >> i) & 1);
                followed++;
            }
            last8 = last8 << 8 | b;
            scan.EndByte(b, last8);
        }
        return followed;
    }

    /// <summary>
    /// The bits of entropy-coded data in <paramref name="jpeg"/>'s (one) scan, found independently of the model: from
    /// the end of the scan header to the end-of-image marker, less each byte that follows an FF (a stuffed zero or
    /// a marker's code). The FF itself counts: only the byte after it shows that it was not data.
    /// </summary>
    private static int ScanBits(byte[] jpeg)
    {
        int at = 2;
        while (!(jpeg[at] == 0xFF && jpeg[at + 1] == 0xDA)) at += 2 + (jpeg[at + 2] << 8 | jpeg[at + 3]);
        at += 2 + (jpeg[at + 2] << 8 | jpeg[at + 3]);
        int bits = 0;
        for (; !(jpeg[at] == 0xFF && jpeg[at + 1] == 0xD9); at++)
        {
            bits += 8;
            if (jpeg[at] == 0xFF)
            {
                at++;   // the byte after it is not data
            }
        }
        return bits + 8;
    }

    [Theory]
    [InlineData("fx_444", 15 * 12)]          // 8×8 MCUs of three blocks
    [InlineData("fx_420_restart", 8 * 6)]    // 16×16 MCUs of six blocks
    [InlineData("fx_gray", 15 * 12)]         // one block each
    public void Follows_a_baseline_scan_in_step_to_its_end(string name, int mcus)
    {
        byte[] jpeg = Fixture(name);
        var scan = new JpegScan();
        int followed = Follow(scan, jpeg);
        Assert.Equal(mcus, scan.McusDone);
        Assert.Equal(ScanBits(jpeg), followed);   // never lost its way (it stops following when a code makes no sense)
        Assert.False(scan.Decoding);               // the end-of-image marker ended it
    }

    [Fact]
    public void Follows_the_corpus_photograph_to_its_end()
    {
        SharedData.Require();
        byte[] jpeg = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", "fireworks.jpeg"));
        var scan = new JpegScan();
        Assert.Equal(ScanBits(jpeg), Follow(scan, jpeg));
        Assert.Equal(120 * 80, scan.McusDone);     // 960×639, no subsampling
    }

    [Fact]
    public void Leaves_progressive_images_alone()
    {
        var scan = new JpegScan();
        Assert.Equal(0, Follow(scan, Fixture("fx_progressive")));
    }

    [Theory]
    [InlineData("fx_444")]
    [InlineData("fx_420_restart")]
    [InlineData("fx_gray")]
    public void Pays_on_JPEG_data_even_inside_other_data(string name)
    {
        // The image between text, as in a document or an archive: found by its markers, not by where it starts.
        byte[] text = RoundTripTests.Input("text");
        byte[] input = [.. text, .. Fixture(name), .. text];
        int with = new PipelineCodec(Topology.Parse(Small)).EncodePayload(input).Length;
        int without = new PipelineCodec(Topology.Parse(SmallWithout)).EncodePayload(input).Length;
        // Measured: 4-8% smaller on these 4-6 KB images (a fifth to a third on photographs of 50 KB and more).
        Assert.True(with < without - Fixture(name).Length / 40, $"{name}: {with} bytes with the JPEG model, {without} without");
    }

    [Fact]
    public void Progressive_data_costs_nothing()
    {
        // Not followed; only the bytes after FFs in its scans (stuffed zeros, markers) are still predicted.
        byte[] input = Fixture("fx_progressive");
        int with = new PipelineCodec(Topology.Parse(Small)).EncodePayload(input).Length;
        int without = new PipelineCodec(Topology.Parse(SmallWithout)).EncodePayload(input).Length;
        Assert.InRange(with, without - input.Length / 200, without + 4);
    }

    [Fact]
    public void Damaged_and_hostile_JPEG_data_round_trips_on_both_paths()
    {
        // Flipped bytes in headers and data, truncation, markers and tables where they make no sense: the model may
        // lose its way, never the coder; generated and run-time codecs agree.
        byte[] original = Fixture("fx_420_restart");
        var random = new Random(20261128);
        var runtime = new PipelineCodec(Topology.Parse(KindsCodec.TopologyText));
        for (int round = 0; round < 40; round++)
        {
            byte[] input = (byte[])original.Clone();
            switch (round % 4)
            {
                case 0:
                    for (int i = 0; i < 3; i++) input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    input = input[..random.Next(2, input.Length)];
                    break;
                case 2:
                    for (int i = 0; i < 4; i++) input[random.Next(600)] = (byte)random.Next(256);   // the headers
                    break;
                default:
                    int at = random.Next(700, input.Length - 2);
                    input[at] = 0xFF;
                    input[at + 1] = (byte)random.Next(0xC0, 0x100);   // a marker inside the data
                    break;
            }
            byte[] payload = KindsCodec.Instance.EncodePayload(input);
            Assert.Equal(payload, runtime.EncodePayload(input));
            var output = new byte[input.Length];
            runtime.DecodePayload(payload, 0, payload.Length, output);
            Assert.Equal(input, output);
        }
    }

    [Fact]
    public void A_flood_of_restart_markers_cannot_overflow_the_position()
    {
        // The largest restart interval, then far more markers than any image has MCUs for: the position (markers ×
        // interval) would pass 2^31. The follower gives up instead, and the data still round-trips.
        byte[] jpeg = Fixture("fx_420_restart");
        int dri = IndexOf(jpeg, [0xFF, 0xDD, 0x00, 0x04]);
        jpeg[dri + 4] = 0xFF;
        jpeg[dri + 5] = 0xFF;
        int sos = IndexOf(jpeg, [0xFF, 0xDA]);
        int data = sos + 2 + (jpeg[sos + 2] << 8 | jpeg[sos + 3]);
        var flood = new byte[2 * 40_000];
        for (int i = 0; i < flood.Length; i += 2)
        {
            flood[i] = 0xFF;
            flood[i + 1] = (byte)(0xD0 + (i / 2) % 8);
        }
        byte[] input = [.. jpeg[..data], .. flood, .. jpeg[data..]];
        var scan = new JpegScan();
        Follow(scan, input);
        Assert.InRange(scan.McusDone, 0, 1 << 28);
        var runtime = new PipelineCodec(Topology.Parse(Small));
        byte[] payload = runtime.EncodePayload(input);
        var output = new byte[input.Length];
        runtime.DecodePayload(payload, 0, payload.Length, output);
        Assert.Equal(input, output);
    }

    private static int IndexOf(byte[] data, byte[] pattern) => data.AsSpan().IndexOf(pattern);

    /// <summary>
    /// A scan of one-bit codes (DC size 0, then end of block: two bits an MCU) longer than any image: the follower
    /// gives up after 2^28 MCUs (a 65,535-pixel square image has 2^26), so its MCU count (which places each block in
    /// its row) never runs on toward overflow. 64 MiB of zero bits, fed straight to the scanner.
    /// </summary>
    [Fact]
    public void A_scan_longer_than_any_image_is_given_up_after_the_MCU_limit()
    {
        byte[] header =
        [
            0xFF, 0xD8,
            0xFF, 0xDB, 0x00, 0x43, 0x00, .. Enumerable.Repeat((byte)1, 64),                       // DQT: table 0, all ones
            0xFF, 0xC0, 0x00, 0x0B, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x01, 0x11, 0x00,            // SOF0: 65535 × 65535, one component
            0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01, .. new byte[15], 0x00,                              // DHT: DC table 0, one 1-bit code: size 0
            0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01, .. new byte[15], 0x00,                              // DHT: AC table 0, one 1-bit code: end of block
            0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,                             // SOS: component 1, tables 0/0
        ];
        var scan = new JpegScan();
        ulong last8 = 0;
        void Byte(byte b)
        {
            for (int i = 7; i >= 0; i--)
            {
                if (scan.Decoding && !scan.Stuffing) scan.Bit((b >> i) & 1);
            }
            last8 = last8 << 8 | b;
            scan.EndByte(b, last8);
        }
        foreach (byte b in header) Byte(b);
        for (int i = 0; i < 1000; i++) Byte(0);
        Assert.True(scan.Decoding, "the synthetic scan is followed");
        Assert.Equal(4000, scan.McusDone);

        const int limit = 1 << 28;
        for (long i = 1000; i < limit / 4 + 1000; i++)
        {
            for (int k = 0; k < 8 && scan.Decoding; k++) scan.Bit(0);   // a zero byte, without the closure's cost
            last8 <<= 8;
            scan.EndByte(0, last8);
        }
        Assert.False(scan.Decoding, $"still following after {scan.McusDone} MCUs");
        Assert.Equal(limit + 1, scan.McusDone);
    }

    [Fact]
    public void Its_memory_after_a_scan_stays_within_what_the_catalog_declares()
    {
        var stage = new JpegStage(16);
        long before = stage.AllocatedBytes;
        BitDriver.Run(ref stage, Fixture("fx_444"));
        Assert.True(stage.AllocatedBytes > before + 5 * (1 << 16), "the tables are allocated when a scan starts");
        long declared = StageCatalog.Jpeg.MemoryOf!([16]);
        Assert.True(stage.AllocatedBytes <= declared, $"{stage.AllocatedBytes} bytes allocated, {declared} declared");
    }
}
