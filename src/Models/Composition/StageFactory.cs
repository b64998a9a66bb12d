namespace Midicoth.Models.Composition;

/// <summary>
/// Creates the model of a stage kind from its parameter values, for the run-time pipeline. The body,
/// <c>Create(int kind, int[] values)</c>, is generated from the stage catalog (Midicoth.Generator,
/// <c>CatalogEmitter</c>): every catalog entry's model type, constructed with its parameters in catalog
/// order. A new stage kind needs nothing here.
/// </summary>
internal static partial class StageFactory
{
}
