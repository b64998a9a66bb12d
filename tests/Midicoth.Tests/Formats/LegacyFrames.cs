namespace Midicoth.Tests;

/// <summary>
/// Frames as versions 1 and 2 wrote them (the topology as its text: a length byte and ASCII), made from a frame
/// this build writes (version 3, the topology in bytes): everything after the topology is the same. Block offsets
/// in an index would shift, so convert frames written without one.
/// </summary>
internal static class LegacyFrames
{
    /// <summary><paramref name="frame"/> with version <paramref name="version"/> and <paramref name="topologyText"/> (raw bytes: may be hostile) in place of its topology.</summary>
    public static byte[] WithTextTopology(byte[] frame, byte version, byte[] topologyText)
    {
        int headerSize = HeaderSize(frame);
        var legacy = new List<byte>(frame[..4]) { version, (byte)topologyText.Length };
        legacy.AddRange(topologyText);
        legacy.AddRange(frame[(headerSize - 4)..]);   // the block size and all that follows
        return legacy.ToArray();
    }

    /// <summary><paramref name="frame"/> as version <paramref name="version"/> wrote it, with its own topology's text.</summary>
    public static byte[] AsVersion(byte[] frame, byte version, string topology) =>
        WithTextTopology(frame, version, System.Text.Encoding.ASCII.GetBytes(topology));

    /// <summary>The size of <paramref name="frame"/>'s header (magic to block size).</summary>
    public static int HeaderSize(byte[] frame)
    {
        int offset = 0;
        return MdgFrame.Header.Read((buffer, what) =>
        {
            frame.AsSpan(offset, buffer.Length).CopyTo(buffer.Span);
            offset += buffer.Length;
        }).Size;
    }
}
