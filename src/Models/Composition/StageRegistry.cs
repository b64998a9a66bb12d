namespace Midicoth.Models.Composition;

/// <summary>
/// The stages of users' projects that this process knows (<c>[BitStage]</c> structs): their names, parameters, input
/// counts and memory figures, and how to make one, so that topology text, frames and the run-time pipeline treat
/// them as the catalog's own. The generator registers every <c>[BitStage]</c> struct of a project, and every user
/// stage a codec declares, from a module initializer (no reflection: Native AOT keeps it); registering the same
/// stage again does nothing. A module initializer runs when its assembly is first used: a program whose stages
/// live in a library it otherwise reaches only through topology text must touch that library first (any of its
/// types will do).
/// </summary>
public static class StageRegistry
{
    private sealed record Entry(StageDescriptor Descriptor, Type Type, Func<int[], long, object> Create);

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lock Gate = new();

    /// <summary>
    /// Registers bit predictor <typeparamref name="T"/> as <paramref name="name"/>; <paramref name="create"/> makes
    /// one from its parameter values (constructor order) and the block's length. Throws
    /// <see cref="ArgumentException"/> for a malformed declaration and <see cref="InvalidOperationException"/> when
    /// another type holds the name.
    /// </summary>
    public static void RegisterPredictor<T>(string name, int inputs, string memory, string summary, StageParameterInfo[] parameters, Func<int[], long, T> create)
        where T : struct, IBitPredictor
    {
        if (inputs is < 1 or > StageCatalog.MaxUserInputs) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, $"a stage writes 1..{StageCatalog.MaxUserInputs} mixer inputs");
        Register(typeof(T), StageRole.BitPredictor, name, inputs, memory, summary, parameters, (v, length) =>
        {
            T stage = create(v, length);
            // The mixer was sized from the declared count: a stage that writes another would corrupt its inputs.
            if (stage.InputCount != inputs) throw new InvalidOperationException($"stage '{name}' declares {inputs} input(s) but its InputCount is {stage.InputCount}");
            return stage;
        });
    }

    /// <summary>Registers refinement <typeparamref name="T"/> as <paramref name="name"/> (see <see cref="RegisterPredictor{T}"/>).</summary>
    public static void RegisterRefinement<T>(string name, string memory, string summary, StageParameterInfo[] parameters, Func<int[], T> create)
        where T : struct, IBitRefinement =>
        Register(typeof(T), StageRole.Refinement, name, 0, memory, summary, parameters, (v, _) => create(v));

    private static void Register(Type type, StageRole role, string name, int inputs, string memory, string summary, StageParameterInfo[] parameters, Func<int[], long, object> create)
    {
        string? problem = StageCatalog.CheckUserName(name, out _);
        if (problem != null) throw new ArgumentException(problem, nameof(name));
        var declared = new StageParameter[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            StageParameterInfo p = parameters[i];
            if (p.Min < 0 || p.Max > 255 || p.Min > p.Max || p.Default < p.Min || p.Default > p.Max)
                throw new ArgumentException($"stage '{name}' parameter {p.Name}: range {p.Min}..{p.Max}, default {p.Default} (ranges lie within 0..255 and hold the default)", nameof(parameters));
            declared[i] = new StageParameter(p.Name, p.Meaning, p.Default, p.Min, p.Max);
        }
        var descriptor = StageDescriptor.User(name, role, type.FullName ?? type.Name, summary, inputs, memory, declared);
        if (MemoryExpression.Evaluate(memory, parameters.Select(p => p.Name).ToArray(), descriptor.Defaults(), out string? error) == null)
            throw new ArgumentException($"stage '{name}': {error}", nameof(memory));
        lock (Gate)
        {
            if (Entries.TryGetValue(name, out Entry? existing))
            {
                if (existing.Type == type) return;
                throw new InvalidOperationException($"two stages are named '{name}': {existing.Type.FullName} and {type.FullName}");
            }
            Entries.Add(name, new Entry(descriptor, type, create));
        }
    }

    /// <summary>The names of the registered stages, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Gate) return Entries.Keys.Order(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>The registered stage called <paramref name="name"/> (ignoring case, as built-in names), or null.</summary>
    internal static StageDescriptor? Find(string name)
    {
        lock (Gate) return Entries.TryGetValue(name, out Entry? e) ? e.Descriptor : null;
    }

    /// <summary>A new model of user stage <paramref name="stage"/>, boxed (the run-time pipeline's path).</summary>
    internal static object Create(StageSpec stage, long inputLength)
    {
        Entry entry;
        lock (Gate) entry = Entries.TryGetValue(stage.Name, out Entry? e) ? e : throw new InvalidOperationException($"stage '{stage.Name}' is not registered");
        return entry.Create(stage.ValueArray, inputLength);
    }
}

/// <summary>A user stage's parameter as registered: name (its constructor parameter's), default, range 0..255, meaning.</summary>
public sealed record StageParameterInfo(string Name, int Default, int Min, int Max, string Meaning = "");
