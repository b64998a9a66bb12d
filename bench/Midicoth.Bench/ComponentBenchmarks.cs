using BenchmarkDotNet.Attributes;
using Midicoth.Models.Composition;
using Midicoth.Models.Formats;

namespace Midicoth.Bench;

/// <summary>Per-component costs on realistic distributions: `--filter *ComponentBenchmarks*`.</summary>
public class ComponentBenchmarks
{
    private readonly double[] _probs = new double[256];
    private readonly double[] _other = new double[256];
    private readonly double[] _work = new double[256];
    private readonly uint[] _cum = new uint[257];
    private TweedieDenoiser _denoiser = new(3);
    private PpmModel _ppm = new(4);
    private byte[] _text = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        for (int i = 0; i < 256; i++) _probs[i] = rng.NextDouble() * (i % 7 == 0 ? 1 : 0.001);
        Distribution.ClampNormalize(_probs);
        _probs.CopyTo(_other, 0);
        _text = BenchData.Sample(16 << 10);
        for (int i = 0; i < _text.Length; i++)
        {
            _ppm.Prepare(_text.AsSpan(0, i));
            _ppm.Predict(_text.AsSpan(0, i), _work, out _, out _);
            _ppm.Update(_text.AsSpan(0, i), _text[i]);
        }
    }

    [Benchmark]
    public void ClampNormalize()
    {
        _probs.CopyTo(_work, 0);
        Distribution.ClampNormalize(_work);
    }

    [Benchmark]
    public void BlendWord()
    {
        _probs.CopyTo(_work, 0);
        WordModel.Mix(_work, _other, 0.5);
    }

    [Benchmark]
    public uint CumulativeFrequencies() => Midicoth.Models.Coders.CumulativeFrequencies.Build(_probs, _cum);

    [Benchmark]
    public void Denoise()
    {
        _probs.CopyTo(_work, 0);
        _denoiser.Denoise(_work, 4, 300);
        _denoiser.Update(7);
    }

    [Benchmark]
    public void PpmPredict()
    {
        _ppm.Prepare(_text);
        _ppm.Predict(_text, _work, out _, out _);
    }
}
