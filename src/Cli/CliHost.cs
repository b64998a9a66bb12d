using System.Reflection;
using Midicoth.Models;

namespace Midicoth.Cli;

/// <summary>
/// The command-line front end every Midicoth tool shares; a tool is its codec plus a name.
/// Errors are one line on stderr ("NAME: error: ...") with an exit code from <see cref="ExitCodes"/>;
/// no stack trace, no partial output, no overwritten file unless -f.
/// </summary>
public sealed class CliHost(string toolName, ICodec codec)
{
    public string ToolName { get; } = toolName;

    public ICodec Codec { get; } = codec;

    public TextWriter Out { get; init; } = Console.Out;

    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Runs the tool and returns its exit code.</summary>
    public int Run(string[] args)
    {
        using var cancel = new CtrlCGuard();
        try
        {
            return Dispatch(args);
        }
        catch (CliException e)
        {
            return Fail(e.ExitCode, e.Message);
        }
        catch (MidicothFormatException e)
        {
            return Fail(ExitCodes.BadData, e.Message);
        }
        catch (FileNotFoundException e)
        {
            return Fail(ExitCodes.Io, $"{e.FileName ?? "input"}: no such file");
        }
        catch (DirectoryNotFoundException e)
        {
            return Fail(ExitCodes.Io, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(ExitCodes.Io, e.Message);
        }
        catch (IOException e)
        {
            return Fail(ExitCodes.Io, e.Message);
        }
        catch (OutOfMemoryException)
        {
            return Fail(ExitCodes.Io, "not enough memory for this input");
        }
    }

    private int Fail(int code, string message)
    {
        Error.WriteLine($"{ToolName}: error: {message}");
        return code;
    }

    private int Dispatch(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Out.Write(Usage());
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }
        if (args[0] is "-V" or "--version")
        {
            Out.WriteLine($"{ToolName} {Version} (topology {Codec.Topology})");
            return ExitCodes.Success;
        }

        string command = args[0];
        var positional = new List<string>();
        bool force = false;
        string format = "mdc7";
        for (int i = 1; i < args.Length; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "-f" or "--force": force = true; break;
                case "--format":
                    if (++i >= args.Length) throw new CliException(ExitCodes.Usage, "--format needs a value (mdc7)");
                    format = args[i].ToLowerInvariant();
                    break;
                default:
                    if (a.StartsWith('-') && a.Length > 1) throw new CliException(ExitCodes.Usage, $"unknown option {a} (see --help)");
                    positional.Add(a);
                    break;
            }
        }
        if (positional.Count != 2) throw new CliException(ExitCodes.Usage, $"{command} takes an input and an output file (see --help)");
        switch (command)
        {
            case "compress":
                if (format != "mdc7") throw new CliException(ExitCodes.Usage, $"unknown format '{format}' (known: mdc7)");
                Compress(positional[0], positional[1], force);
                return ExitCodes.Success;
            case "decompress":
                Decompress(positional[0], positional[1], force);
                return ExitCodes.Success;
            default:
                throw new CliException(ExitCodes.Usage, $"unknown command '{command}' (see --help)");
        }
    }

    private void Compress(string input, string output, bool force)
    {
        SafeOutput.CheckWritable(output, force);
        byte[] data = ReadInput(input);
        byte[] packed = Mdc7Container.Compress(Codec, data);
        SafeOutput.Write(output, force, s => s.Write(packed));
    }

    private void Decompress(string input, string output, bool force)
    {
        SafeOutput.CheckWritable(output, force);
        byte[] packed = ReadInput(input);
        if (!Mdc7Container.HasMagic(packed)) throw new CliException(ExitCodes.BadData, $"{input}: not a Midicoth file (unknown magic)");
        byte[] data = Mdc7Container.Decompress(Codec, packed);
        SafeOutput.Write(output, force, s => s.Write(data));
    }

    private static byte[] ReadInput(string path)
    {
        if (Directory.Exists(path)) throw new CliException(ExitCodes.Io, $"{path} is a directory");
        if (!File.Exists(path)) throw new CliException(ExitCodes.Io, $"{path}: no such file");
        return File.ReadAllBytes(path);
    }

    private static string Version =>
        typeof(CliHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    private string Usage() => $"""
        usage: {ToolName} compress IN OUT [--format mdc7] [-f]
               {ToolName} decompress IN OUT [-f]

        Lossless context-mixing compressor, topology {Codec.Topology}.

          compress IN OUT     compress IN into OUT (MDC7, the reference tool's format)
          decompress IN OUT   restore the original from a compressed file
          -f, --force         overwrite OUT if it exists
          --format mdc7       output format
          -h, --help          this text
          -V, --version       version and topology

        exit codes: 0 ok, 1 usage, 2 file error, 3 corrupt or foreign input, 130 interrupted

        """;

    /// <summary>On Ctrl-C: remove temporary outputs, exit 130.</summary>
    private sealed class CtrlCGuard : IDisposable
    {
        public CtrlCGuard() => Console.CancelKeyPress += OnCancel;

        private static void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            SafeOutput.RemovePending();
            Console.Error.WriteLine("interrupted");
            Environment.Exit(ExitCodes.Interrupted);
        }

        public void Dispose() => Console.CancelKeyPress -= OnCancel;
    }
}
