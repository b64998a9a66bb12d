using Midicoth.Cli;

namespace Midicoth.Tests;

/// <summary>What the in-process CLI tests share: a scratch folder, removed afterwards, and the host's two text streams.</summary>
public abstract class CliScratch(string folderPrefix) : IDisposable
{
    protected readonly string _dir = Directory.CreateTempSubdirectory(folderPrefix).FullName;
    protected readonly StringWriter _out = new();
    protected readonly StringWriter _err = new();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected string PathOf(string name) => Path.Combine(_dir, name);

    /// <summary>The names of the files in the scratch folder, sorted.</summary>
    protected string[] FilesLeft() => Directory.GetFiles(_dir).Select(Path.GetFileName).Order().ToArray()!;

    /// <summary>A host for <paramref name="tool"/> with the paper's topology, writing to this test's streams.</summary>
    protected CliHost Host(string tool) => new(tool, PipelineCodec.Paper) { Out = _out, Error = _err };
}
