using System.Runtime.InteropServices;

namespace Midicoth.Models.Tables;

/// <summary>
/// A large zero-filled array outside the GC heap, from <c>calloc</c>: the system hands out zero pages lazily, so
/// memory becomes resident only where it is written. Tables that are mostly never touched for a given input
/// (the denoiser's 155,520 calibration entries) then cost only what is used, as in the reference.
/// </summary>
public sealed unsafe class ZeroedBuffer<T> : IDisposable where T : unmanaged
{
    private T* _data;

    public ZeroedBuffer(int length)
    {
        Length = length;
        _data = (T*)NativeMemory.AllocZeroed((nuint)length, (nuint)sizeof(T));
        GC.AddMemoryPressure((long)length * sizeof(T));
    }

    public int Length { get; }

    public T* Pointer => _data;

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length) throw new IndexOutOfRangeException();
            return ref _data[index];
        }
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    ~ZeroedBuffer() => Free();

    private void Free()
    {
        if (_data == null) return;
        NativeMemory.Free(_data);
        _data = null;
        GC.RemoveMemoryPressure((long)Length * sizeof(T));
    }
}
