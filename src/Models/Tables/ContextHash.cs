using System.Runtime.CompilerServices;

namespace Midicoth.Models.Tables;

/// <summary>
/// FNV-1a-64 over the last bytes of a context, as every table of the reference keys its contexts.
/// 0 marks an empty slot in the reference's tables, so a hash of 0 becomes 1; two contexts with the
/// same 64-bit key share an entry there, and so they do here.
/// </summary>
public static class ContextHash
{
    public const ulong OffsetBasis = 14695981039346656037UL;
    public const ulong Prime = 1099511628211UL;

    /// <summary>FNV-1a-64 of <paramref name="bytes"/>, oldest byte first; 0 is mapped to 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        ulong h = OffsetBasis;
        for (int i = 0; i < bytes.Length; i++)
        {
            h = unchecked((h ^ bytes[i]) * Prime);
        }
        return h == 0 ? 1 : h;
    }

    /// <summary>The key of the last <paramref name="length"/> bytes of <paramref name="history"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OfSuffix(ReadOnlySpan<byte> history, int length)
        => Of(history.Slice(history.Length - length, length));
}
