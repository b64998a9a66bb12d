namespace Midicoth;

/// <summary>
/// Marks a <c>partial</c> class as a compressor declaration. The Midicoth generator reads the
/// <see cref="StageAttribute"/> and <see cref="DenoiseAttribute"/> attributes on the same class and emits
/// <c>Compress</c>/<c>Decompress</c> methods specialised for exactly that topology.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CompressorAttribute : Attribute
{
}
