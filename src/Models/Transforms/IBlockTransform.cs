namespace Midicoth.Models.Transforms;

/// <summary>
/// A transform: a stage that rewrites a whole block before any model sees it, and restores it after decoding (the
/// third family, beside the byte-wise and bit-wise steps). Its rewritten block carries what its inverse needs (its
/// input's length, flags, parameters) in front of the data, so the models code that side data too. Transforms run
/// once a block, not once a bit: they are called through this interface in generated codecs and the run-time
/// pipeline alike (see <see cref="TransformChain"/>).
/// </summary>
public interface IBlockTransform
{
    /// <summary>The block rewritten; at most <see cref="MaxRewrittenLength"/> of its length.</summary>
    byte[] Forward(ReadOnlySpan<byte> block);

    /// <summary>
    /// The block restored from <paramref name="rewritten"/>, which is untrusted (decoded from a file): every length,
    /// offset and parameter is checked, a damaged block throws <see cref="MidicothFormatException"/>, and nothing
    /// longer than <paramref name="maxLength"/> is allocated.
    /// </summary>
    byte[] Inverse(ReadOnlySpan<byte> rewritten, long maxLength);

    /// <summary>The most bytes <see cref="Forward"/> makes of a block of <paramref name="length"/> bytes (the catalog's figure).</summary>
    long MaxRewrittenLength(long length);
}
