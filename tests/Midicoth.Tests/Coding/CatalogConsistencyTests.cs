using System.Reflection;
using System.Xml.Linq;

namespace Midicoth.Tests;

/// <summary>
/// The stage catalog is the one source of truth for stage kinds. These tests tie everything else to it — the
/// <see cref="StageKind"/> enum, <see cref="StageAttribute"/>'s properties and their docs, the models'
/// constructors, the generated run-time factory, and the README — so that a kind missing from any of them
/// fails with a message naming what is missing.
/// </summary>
public class CatalogConsistencyTests
{
    public static TheoryData<string> Kinds() => new(StageCatalog.All.Select(d => d.Name));

    public static TheoryData<string> BitWiseKinds() => new(StageCatalog.All.Where(d => d.IsBitWise).Select(d => d.Name));

    private static StageDescriptor Stage(string name) => StageCatalog.Find(name)!;

    [Fact]
    public void Every_role_belongs_to_a_family_and_each_family_keeps_its_roles_together()
    {
        foreach (StageRole role in Enum.GetValues<StageRole>()) Assert.True(Enum.IsDefined(StageCatalog.FamilyOf(role)), $"role {role} has no family");
        Assert.Equal(StageFamily.ByteWise, StageCatalog.Ppm.Family);
        Assert.Equal(StageFamily.BitWise, StageCatalog.Mixer.Family);
        // The bridge is a bit predictor over a byte-wise stack: its own family is the bit-wise one.
        Assert.Equal(StageFamily.BitWise, StageCatalog.Bridge.Family);
        Assert.All(StageCatalog.All, d => Assert.Equal(d.Family == StageFamily.BitWise, d.IsBitWise));
    }

    [Fact]
    public void Every_StageKind_member_has_a_catalog_entry_and_back()
    {
        foreach (StageKind kind in Enum.GetValues<StageKind>())
        {
            StageDescriptor? d = StageCatalog.Find((int)kind);
            Assert.True(d != null, $"StageKind.{kind} = {(int)kind} has no entry in StageCatalog.All");
            Assert.True(d!.KindName == kind.ToString(), $"catalog entry {(int)kind} is named {d.KindName}, the enum member {kind}");
        }
        foreach (StageDescriptor d in StageCatalog.All)
        {
            Assert.True(Enum.IsDefined((StageKind)d.Kind), $"catalog entry '{d.Name}' ({d.Kind}) has no StageKind member; add StageKind.{d.KindName} = {d.Kind}");
        }
        Assert.Equal(StageCatalog.All.Length, StageCatalog.All.Select(d => d.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_parameter_is_a_StageAttribute_property_with_the_catalogs_default_and_range_in_its_doc(string name)
    {
        var attribute = new StageAttribute((StageKind)Stage(name).Kind);
        foreach (StageParameter p in Stage(name).Parameters)
        {
            PropertyInfo? property = typeof(StageAttribute).GetProperty(p.Name);
            Assert.True(property is { CanWrite: true } && property.PropertyType == typeof(int),
                $"{name} takes '{p.Name}', but StageAttribute has no settable int property {p.Name}");
            Assert.True((int)property!.GetValue(attribute)! == p.Default,
                $"StageAttribute.{p.Name} defaults to {property.GetValue(attribute)}, the catalog says {p.Default}");
            string doc = Documentation($"P:Midicoth.StageAttribute.{p.Name}");
            Assert.True(doc.Contains(p.Describe()) && doc.Contains($"Default {p.Default}."),
                $"the doc of StageAttribute.{p.Name} must give the range '{p.Describe()}' and 'Default {p.Default}.': {doc}");
        }
    }

    [Fact]
    public void The_Denoise_attribute_agrees_with_the_denoise_entry()
    {
        StageParameter steps = StageCatalog.Denoise.Parameters.Single();
        Assert.Equal(steps.Default, new DenoiseAttribute().Steps);
        Assert.Contains(steps.Describe(), Documentation("P:Midicoth.DenoiseAttribute.Steps"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_runtime_factory_builds_the_catalogs_model_type_in_its_role(string name)
    {
        StageDescriptor d = Stage(name);
        if (d == StageCatalog.Bridge)
        {
            // The bridge wraps the byte-wise stages before it: the bit-wise pipeline builds it, generic over their step.
            Assert.Contains("byte-wise stages before it", Assert.Throws<ArgumentException>(() => StageFactory.Create(d.Kind, d.Defaults())).Message);
            Assert.Equal(d.ModelType + "`1", typeof(BridgeStage<ByteStep<IBaseStage, BlendList, ICorrectionStage>>).GetGenericTypeDefinition().FullName);
            Assert.True(typeof(IBitPredictor).IsAssignableFrom(typeof(BridgeStage<ByteStep<IBaseStage, BlendList, ICorrectionStage>>)));
            return;
        }
        object model;
        try
        {
            model = StageFactory.Create(d.Kind, d.Defaults());
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new Xunit.Sdk.XunitException($"the run-time factory has no case for '{name}': rebuild Midicoth.Models so the generator emits it");
        }
        Assert.Equal(d.ModelType, model.GetType().FullName);
        Type role = d.Role switch
        {
            StageRole.Base => typeof(IBaseStage),
            StageRole.Blend => typeof(IBlendStage),
            StageRole.Correction => typeof(ICorrectionStage),
            StageRole.BitPredictor => typeof(IBitPredictor),
            StageRole.Refinement => typeof(IBitRefinement),
            StageRole.Mixer => typeof(IBitMixer),
            StageRole.Transform => typeof(IBlockTransform),
            _ => throw new Xunit.Sdk.XunitException($"no role type for {d.Role}"),
        };
        Assert.True(role.IsInstanceOfType(model), $"{d.ModelType} must implement {role.Name} (its role is {d.Role})");
        // Transforms run once a block, through their interface; every other stage runs per byte or bit, inlined.
        if (d.Role != StageRole.Transform) Assert.True(model.GetType().IsValueType, $"{d.ModelType} must be a struct: generated codecs hold stages as fields");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_model_constructor_takes_the_catalogs_parameters_and_rejects_what_the_catalog_rejects(string name)
    {
        StageDescriptor d = Stage(name);
        if (d == StageCatalog.Bridge)
        {
            // No parameters; built over a step and the block length (see the factory test above).
            Assert.Empty(d.Parameters);
            Assert.NotNull(typeof(BridgeStage<ByteStep<IBaseStage, BlendList, ICorrectionStage>>).GetConstructor([typeof(ByteStep<IBaseStage, BlendList, ICorrectionStage>), typeof(long)]));
            return;
        }
        Type type = typeof(PpmModel).Assembly.GetType(d.ModelType)!;
        // The catalog's parameters in order; a mixer takes its number of inputs first, a bit predictor the block
        // length last (the convention CatalogEmitter.Arguments writes).
        var names = d.Parameters.Select(p => "int " + char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).ToList();
        if (d.Role == StageRole.Mixer) names.Insert(0, "int inputs");
        if (d.Role == StageRole.BitPredictor) names.Add("long inputLength");
        string expected = string.Join(", ", names);
        ConstructorInfo? ctor = type.GetConstructors().FirstOrDefault(c => c.GetParameters().Length == names.Count && names.Count > 0
            || c.GetParameters().Length == 0 && names.Count == 0);
        Assert.True(ctor != null, $"{type.Name} needs a constructor ({expected})");
        Assert.Equal(expected, string.Join(", ", ctor!.GetParameters().Select(p => (p.ParameterType == typeof(long) ? "long " : "int ") + p.Name)));
        for (int i = 0; i < d.Parameters.Length; i++)
        {
            int[] values = d.Defaults();
            values[i] = d.Parameters[i].Max + 1;
            Assert.Throws<ArgumentOutOfRangeException>(() => StageFactory.Create(d.Kind, values));
        }
    }

    [Theory]
    [MemberData(nameof(BitWiseKinds))]
    public void A_bit_wise_model_has_the_inputs_and_at_most_the_memory_the_catalog_declares(string name)
    {
        // The catalog states these for the generator and the memory limit (it cannot see the model types): the
        // models must agree, at their defaults, with tables of the declared (not shrunk) size.
        StageDescriptor d = Stage(name);
        if (d == StageCatalog.Bridge)
        {
            // Its byte-wise stack grows with the input, as byte-wise topologies do: no fixed memory to declare.
            Assert.Null(d.MemoryOf);
            Assert.Null(Topology.Parse("ppm:2,bridge,ctx:1-16,mixer:3-6").MemoryBytes);
            return;
        }
        int inputs = d.InputsOf?.Invoke(d.Defaults()) ?? 0;
        object model = StageFactory.Create(d.Kind, d.Defaults(), long.MaxValue, inputs: 9);
        long allocated = model switch
        {
            IBitPredictor p => p.AllocatedBytes,
            IBitRefinement r => r.AllocatedBytes,
            IBitMixer m => m.AllocatedBytes,
            _ => throw new Xunit.Sdk.XunitException($"{name}: no bit-wise role"),
        };
        if (model is IBitPredictor predictor) Assert.Equal(inputs, predictor.InputCount);
        Assert.True(allocated <= d.MemoryOf!(d.Defaults()), $"{name} allocates {allocated} bytes, the catalog declares {d.MemoryOf!(d.Defaults())}");
    }

    [Fact]
    public void The_README_lists_every_stage_kind_as_the_catalog_has_it()
    {
        Assert.True(SharedData.RepoRoot != null, "the tests run from inside the repository; Midicoth.Gen.sln not found above " + AppContext.BaseDirectory);
        string readme = File.ReadAllText(Path.Combine(SharedData.RepoRoot!, "README.md"));
        foreach (StageDescriptor d in StageCatalog.All)
        {
            string row = ReadmeRow(d);
            Assert.True(readme.Contains(row), $"README.md's stage table lacks (or has a stale) row for '{d.Name}'; expected:\n{row}");
        }
    }

    [Fact]
    public void The_READMEs_samples_table_names_the_topologies_the_samples_declare()
    {
        // The samples compiled into this assembly; their rows must say what the tools actually run.
        Assert.True(SharedData.RepoRoot != null, "the tests run from inside the repository; Midicoth.Gen.sln not found above " + AppContext.BaseDirectory);
        string readme = File.ReadAllText(Path.Combine(SharedData.RepoRoot!, "README.md"));
        foreach (var (tool, topology) in new[]
        {
            ("midicoth", Samples.MidicothCodec.TopologyText), ("mdg-fast", Samples.FastCodec.TopologyText),
            ("mdg-max", Samples.MaxCodec.TopologyText), ("mdg-bridge", Samples.BridgeCodec.TopologyText),
        })
        {
            string row = $"| `{tool}` | `{topology}`";
            Assert.True(readme.Contains(row), $"README.md's samples table lacks (or has a stale) row for '{tool}'; expected it to start:\n{row}");
        }
    }

    /// <summary>The README's row of a stage kind, made from the catalog.</summary>
    internal static string ReadmeRow(StageDescriptor d)
    {
        string parameters = d.Parameters.Length == 0
            ? "none"
            : string.Join("; ", d.Parameters.Select(p => $"`{p.Name}` {p.Describe()} (default {p.Default})"));
        return $"| `{d.KindName}` | `{d.Syntax()}` | {d.Role} | {parameters} |";
    }

    private static string Documentation(string member)
    {
        string xml = Path.ChangeExtension(typeof(StageAttribute).Assembly.Location, ".xml");
        XElement? element = XDocument.Load(xml).Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == member);
        Assert.True(element != null, $"no XML doc for {member} in {xml}");
        return string.Join(" ", element!.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
