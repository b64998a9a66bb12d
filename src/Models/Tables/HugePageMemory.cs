using System.Runtime.InteropServices;

namespace Midicoth.Models.Tables;

/// <summary>
/// Zeroed native memory for large tables that are read at random: aligned to 2 MiB and, on Linux, marked for
/// transparent huge pages (madvise), because with 4 KiB pages nearly every lookup in a table of megabytes also
/// misses the TLB, and that page walk cost more than the lookup itself (measured: the bit-wise Fast topology ran
/// at a third of its speed). Where the advice is not available the memory is ordinary; results never depend on
/// it. Freed when collected (or disposed); its size is reported to the GC as memory pressure.
/// </summary>
public sealed unsafe class HugePageMemory : IDisposable
{
    private const nuint Alignment = 2 << 20;
    private const int MadviseHugePage = 14;
    private static bool _adviceUnavailable;

    private byte* _block;     // what the allocator returned
    private byte* _pointer;   // the first 2 MiB boundary in it

    public HugePageMemory(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        Length = bytes;
        nuint size = (nuint)((bytes + (long)Alignment - 1) & ~((long)Alignment - 1));
        // Zeroed by the allocator: for sizes like these it maps fresh pages, which the system zeroes when first
        // touched, so a short input that touches little of a big table does not pay for clearing all of it.
        _block = (byte*)NativeMemory.AllocZeroed(size + Alignment);
        _pointer = (byte*)(((nuint)_block + Alignment - 1) & ~(Alignment - 1));
        if (OperatingSystem.IsLinux() && !_adviceUnavailable)
        {
            try
            {
                Madvise(_pointer, size, MadviseHugePage);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                _adviceUnavailable = true;
            }
        }
        GC.AddMemoryPressure(bytes);
        _allocatedOnThisThread += bytes;
    }

    [ThreadStatic] private static long _allocatedOnThisThread;

    /// <summary>
    /// The usable bytes of every instance created on this thread so far (as <see cref="GC.GetAllocatedBytesForCurrentThread"/>
    /// counts managed arrays): with it, tests check that a stage never holds more than it declares.
    /// </summary>
    internal static long AllocatedOnThisThread => _allocatedOnThisThread;

    /// <summary>The usable length in bytes.</summary>
    public long Length { get; }

    /// <summary>The first byte (valid until disposed or collected: keep this object alive while using it).</summary>
    public byte* Pointer => _pointer;

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    ~HugePageMemory() => Free();

    private void Free()
    {
        if (_block == null) return;
        NativeMemory.Free(_block);
        _block = null;
        _pointer = null;
        GC.RemoveMemoryPressure(Length);
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(void* address, nuint length, int advice);
}
