namespace Midicoth.Models.Composition;

/// <summary>One stage of a topology: its kind and its parameter values, in the stage catalog's order.</summary>
public sealed class StageSpec
{
    private readonly int[] _values;

    /// <summary>A stage of <paramref name="kind"/>; <paramref name="values"/> in catalog order, or none for the defaults.</summary>
    public StageSpec(StageKind kind, params int[] values)
    {
        Kind = kind;
        StageDescriptor descriptor = StageCatalog.Find((int)kind) ?? throw new ArgumentException($"unknown stage kind {(int)kind}", nameof(kind));
        _values = values.Length == 0 ? descriptor.Defaults() : (int[])values.Clone();
        Descriptor = descriptor;
    }

    /// <summary>A stage called <paramref name="name"/> in topology text: a built-in stage or a registered user stage (<see cref="StageRegistry"/>).</summary>
    public StageSpec(string name, params int[] values)
        : this(StageCatalog.Find(name) ?? StageRegistry.Find(name) ?? throw new ArgumentException($"unknown stage '{name}'", nameof(name)), values)
    {
    }

    internal StageSpec(StageDescriptor descriptor, int[] values)
    {
        Kind = (StageKind)descriptor.Kind;
        _values = values.Length == 0 ? descriptor.Defaults() : (int[])values.Clone();
        Descriptor = descriptor;
    }

    /// <summary>The kind; a user stage's is 255 (<see cref="IsUser"/>), its <see cref="Name"/> says which.</summary>
    public StageKind Kind { get; }

    /// <summary>Whether the stage is a user's (<c>[BitStage]</c>), registered with <see cref="StageRegistry"/>.</summary>
    public bool IsUser => Descriptor.IsUser;

    /// <summary>The name in topology text.</summary>
    public string Name => Descriptor.Name;

    /// <summary>Parameter values in catalog order.</summary>
    public IReadOnlyList<int> Values => _values;

    /// <summary>The value of the parameter called <paramref name="parameter"/> (as the attribute property is called).</summary>
    public int this[string parameter] =>
        _values[Descriptor.IndexOf(parameter) is int i and >= 0 ? i : throw new ArgumentException($"{Name} has no parameter {parameter}")];

    internal StageDescriptor Descriptor { get; }

    internal int[] ValueArray => _values;

    public override string ToString() => StageCatalog.Format([new(Descriptor, _values)]);
}
