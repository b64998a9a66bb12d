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
    /// applies: <c>StageCatalog.CheckParameters</c> and <c>CheckTopology</c>), and that decoders accept its memory by default; a spec with errors is not emitted.
    /// </summary>
    internal static class Validator
    {
        public static List<DiagnosticInfo> Validate(CompressorSpec spec, out List<ResolvedStage> stages, out string topologyText)
        {
            var diagnostics = new List<DiagnosticInfo>(spec.ShapeProblems);
            var resolved = new List<ResolvedStage>();
            var locations = new List<LocationInfo?>();
            stages = resolved;
            string known = string.Join(", ", StageCatalog.All.Select(d => "StageKind." + d.KindName));

            foreach (StageInfo stage in spec.Stages)
            {
                if (stage.IsUser)
                {
                    ResolvedStage? user = ResolveUser(stage, resolved, diagnostics);
                    if (user == null) continue;
                    resolved.Add(user);
                    locations.Add(stage.Location);
                    continue;
                }
                StageDescriptor? descriptor = StageCatalog.Find(stage.Kind);
                if (descriptor == null)
                {
                    diagnostics.Add(Info(Diagnostics.UnknownStage.Id, stage.Location, stage.Kind.ToString(), known));
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

            if (resolved.Count == spec.Stages.Count)
            {
                // The topology as a whole is judged only when every stage resolved: a stage already reported would
                // shift the others. The rules are the run-time parser's (StageCatalog.CheckTopology).
                StageDescriptor[] descriptors = resolved.Select(s => s.Descriptor).ToArray();
                int[][] values = resolved.Select(s => s.Values).ToArray();
                TopologyProblem? problem = StageCatalog.CheckTopology(descriptors, values);
                if (problem != null)
                {
                    LocationInfo? at = problem.Index >= 0 ? locations[problem.Index] : spec.ClassLocation;
                    diagnostics.Add(Info(IdOf(problem.Error), at, problem.Error == TopologyError.NoPredictor ? spec.ClassName : problem.Message, problem.Message));
                }
                else if (StageCatalog.MemoryOf(descriptors, values) is long memory && memory > StageCatalog.DefaultMemoryLimit)
                {
                    diagnostics.Add(Info(Diagnostics.MemoryAboveLimit.Id, spec.ClassLocation, spec.ClassName,
                        StageCatalog.MebibytesRoundedUp(memory).ToString(), (StageCatalog.DefaultMemoryLimit >> 20).ToString()));
                }
            }

            topologyText = StageCatalog.Format(resolved.Select(s => new KeyValuePair<StageDescriptor, int[]>(s.Descriptor, s.Values)));
            return diagnostics;
        }

        /// <summary>
        /// A [Stage&lt;T&gt;] resolved: its stage's own problems are reported here too (at the declaration: the stage may
        /// live in another assembly), then its values (positional, or none for the defaults) and its name against the
        /// other user stages of the topology.
        /// </summary>
        private static ResolvedStage? ResolveUser(StageInfo stage, List<ResolvedStage> resolved, List<DiagnosticInfo> diagnostics)
        {
            UserStageInfo? user = stage.User;
            if (user == null)
            {
                diagnostics.Add(Info(Diagnostics.NotAStage.Id, stage.Location, stage.TypeName!));
                return null;
            }
            if (user.Problems.Count > 0)
            {
                foreach (DiagnosticInfo problem in user.Problems) diagnostics.Add(problem with { Location = stage.Location });
                return null;
            }
            StageDescriptor descriptor = user.Descriptor();
            int[] values = stage.Values.Count == 0 ? descriptor.Defaults() : stage.Values.ToArray();
            string? problem2 = StageCatalog.CheckParameters(descriptor, values);
            if (problem2 != null)
            {
                diagnostics.Add(Info(Diagnostics.ParameterOutOfRange.Id, stage.Location, problem2));
                return null;
            }
            ResolvedStage? other = resolved.FirstOrDefault(r => r.Descriptor.IsUser && r.Descriptor.Name == descriptor.Name && r.Descriptor.ModelType != descriptor.ModelType);
            if (other != null)
            {
                diagnostics.Add(Info(Diagnostics.StageNameClash.Id, stage.Location, "'" + descriptor.Name + "' names both " + other.Descriptor.ModelType + " and " + descriptor.ModelType));
                return null;
            }
            return new ResolvedStage(descriptor, values);
        }

        private static string IdOf(TopologyError error)
        {
            switch (error)
            {
                case TopologyError.NoPredictor: return Diagnostics.NoPredictor.Id;
                case TopologyError.Duplicate: return Diagnostics.DuplicateStage.Id;
                case TopologyError.MixedFamilies: return Diagnostics.MixedFamilies.Id;
                case TopologyError.NoMixer: return Diagnostics.NoMixer.Id;
                case TopologyError.MixerWithoutInputs: return Diagnostics.MixerWithoutInputs.Id;
                case TopologyError.TooManyInputs: return Diagnostics.TooManyInputs.Id;
                default: return Diagnostics.StageOrder.Id;
            }
        }

        private static DiagnosticInfo Info(string id, LocationInfo? location, params string[] arguments) =>
            new DiagnosticInfo(id, new EquatableArray<string>(arguments), location);
    }
}
