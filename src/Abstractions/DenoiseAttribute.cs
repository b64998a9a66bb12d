namespace Midicoth;

/// <summary>
/// Adds the micro-diffusion denoiser after all blending stages: a binary-tree Tweedie correction with
/// James-Stein shrinkage, applied <see cref="Steps"/> times per symbol. The same as
/// <c>[Stage(StageKind.Denoise, Steps = N)]</c> written last.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DenoiseAttribute : Attribute
{
    /// <summary>Number of denoising steps, 1..8. Default 3, as in the paper.</summary>
    public int Steps { get; set; } = 3;
}
