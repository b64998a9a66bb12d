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

    /// <summary>
    /// Checks a <see cref="CompressorSpec"/> against the stage catalog (the same rules the run-time topology parser
    /// applies: <c>StageCatalog.CheckParameters</c> and <c>CheckPlace</c>); a spec with errors is not emitted.
    /// </summary>
    internal static class Validator
    {
        public static List<DiagnosticInfo> Validate(CompressorSpec spec, out List<ResolvedStage> stages, out string topologyText)
        {
            var diagnostics = new List<DiagnosticInfo>(spec.ShapeProblems);
            var resolved = new List<ResolvedStage>();
            var locations = new List<LocationInfo?>();
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
                int[] values = descriptor.Defaults();
                foreach (NamedValue named in stage.Parameters)
                {
                    int index = descriptor.IndexOf(named.Name);
                    if (index < 0)
                    {
                        string takes = descriptor.Parameters.Length == 0 ? "nothing" : string.Join(", ", descriptor.Parameters.Select(p => p.Name));
                        diagnostics.Add(Info(Diagnostics.IgnoredParameter.Id, named.Location ?? stage.Location, descriptor.Name, named.Name, takes));
                        continue;
                    }
                    values[index] = named.Value;
                }
                string? problem = StageCatalog.CheckParameters(descriptor, values, out int culprit);
                if (problem != null)
                {
                    // At the argument that is wrong, when it is written (a default cannot be).
                    string? name = culprit >= 0 ? descriptor.Parameters[culprit].Name : null;
                    LocationInfo? at = stage.Parameters.FirstOrDefault(n => n.Name == name)?.Location ?? stage.Location;
                    diagnostics.Add(Info(Diagnostics.ParameterOutOfRange.Id, at, problem));
                    continue;
                }
                resolved.Add(new ResolvedStage(descriptor, values));
                locations.Add(stage.Location);
            }

            if (!spec.Stages.Any(s => StageCatalog.Find(s.Kind)?.Role == StageRole.Base))
            {
                diagnostics.Add(Info(Diagnostics.NoPredictor.Id, spec.ClassLocation, spec.ClassName, StageCatalog.NamesOf(StageRole.Base)));
            }
            else if (resolved.Count == spec.Stages.Count)
            {
                // Places are judged only when every stage resolved: a stage already reported would shift the others.
                StageDescriptor[] descriptors = resolved.Select(s => s.Descriptor).ToArray();
                // One diagnostic: a misplaced base stage if there is one (the stages it pushed out of place follow
                // from it), else the first stage out of place (the ones after it may be fine once it moves).
                int first = -1;
                for (int i = 0; i < descriptors.Length; i++)
                {
                    if (StageCatalog.CheckPlace(descriptors, i) == null) continue;
                    if (first < 0 || descriptors[i].Role == StageRole.Base) first = i;
                    if (descriptors[i].Role == StageRole.Base) break;
                }
                if (first >= 0) diagnostics.Add(Info(Diagnostics.StageOrder.Id, locations[first], StageCatalog.CheckPlace(descriptors, first)!));
            }

            topologyText = StageCatalog.Format(resolved.Select(s => new KeyValuePair<StageDescriptor, int[]>(s.Descriptor, s.Values)));
            return diagnostics;
        }

        private static DiagnosticInfo Info(string id, LocationInfo? location, params string[] arguments) =>
            new DiagnosticInfo(id, new EquatableArray<string>(arguments), location);
    }
}
