using System.Collections.Generic;
using System.Linq;

namespace Midicoth.Generator
{
    /// <summary>A stage resolved against the catalog: its descriptor and every parameter value.</summary>
    internal sealed class ResolvedStage
    {
        public ResolvedStage(StageDescriptor descriptor, int[] values)
        {
            Descriptor = descriptor;
            Values = values;
        }

        public StageDescriptor Descriptor { get; }
        public int[] Values { get; }
    }

    /// <summary>Checks a <see cref="CompressorSpec"/> against the stage catalog; a spec with errors is not emitted.</summary>
    internal static class Validator
    {
        public static List<DiagnosticInfo> Validate(CompressorSpec spec, out List<ResolvedStage> stages, out string topologyText)
        {
            var diagnostics = new List<DiagnosticInfo>(spec.ShapeProblems);
            var resolved = new List<ResolvedStage>();
            stages = resolved;
            var seen = new HashSet<int>();
            string known = string.Join(", ", StageCatalog.All.Select(d => "StageKind." + d.KindName));

            foreach (StageInfo stage in spec.Stages)
            {
                StageDescriptor? descriptor = StageCatalog.Find(stage.Kind);
                if (descriptor == null)
                {
                    diagnostics.Add(Info(Diagnostics.UnknownStage.Id, stage.Location, stage.Kind.ToString(), known));
                    continue;
                }
                if (!seen.Add(stage.Kind))
                {
                    diagnostics.Add(Info(Diagnostics.DuplicateStage.Id, stage.Location, descriptor.Name));
                    continue;
                }
                int[] values = descriptor.Parameters.Select(p => p.Default).ToArray();
                foreach (NamedValue named in stage.Parameters)
                {
                    int index = System.Array.FindIndex(descriptor.Parameters, p => p.Name == named.Name);
                    if (index < 0)
                    {
                        string takes = descriptor.Parameters.Length == 0 ? "nothing" : string.Join(", ", descriptor.Parameters.Select(p => p.Name));
                        diagnostics.Add(Info(Diagnostics.IgnoredParameter.Id, stage.Location, descriptor.Name, named.Name, takes));
                        continue;
                    }
                    values[index] = named.Value;
                }
                string? problem = StageCatalog.CheckParameters(descriptor, values);
                if (problem != null)
                {
                    diagnostics.Add(Info(Diagnostics.ParameterOutOfRange.Id, stage.Location, problem));
                    continue;
                }
                stages.Add(new ResolvedStage(descriptor, values));
            }

            if (spec.DenoiseLocation != null && !StageCatalog.DenoiseSteps.Accepts(spec.DenoiseSteps))
            {
                diagnostics.Add(Info(Diagnostics.ParameterOutOfRange.Id, spec.DenoiseLocation,
                    "denoise Steps must be " + StageCatalog.DenoiseSteps.Describe() + ", not " + spec.DenoiseSteps));
            }

            int baseIndex = stages.FindIndex(s => s.Descriptor.IsBase);
            if (baseIndex < 0 && !spec.Stages.Any(s => StageCatalog.Find(s.Kind)?.IsBase == true))
            {
                diagnostics.Add(Info(Diagnostics.NoPredictor.Id, spec.ClassLocation, spec.ClassName));
            }
            else if (baseIndex > 0)
            {
                int baseKind = resolved[baseIndex].Descriptor.Kind;
                StageInfo written = spec.Stages.First(s => s.Kind == baseKind);
                diagnostics.Add(Info(Diagnostics.StageOrder.Id, written.Location, resolved[baseIndex].Descriptor.Name));
            }

            topologyText = StageCatalog.Format(
                resolved.Select(s => new KeyValuePair<int, int[]>(s.Descriptor.Kind, s.Values)), spec.DenoiseSteps);
            return diagnostics;
        }

        private static DiagnosticInfo Info(string id, LocationInfo? location, params string[] arguments) =>
            new DiagnosticInfo(id, new EquatableArray<string>(arguments), location);
    }
}
