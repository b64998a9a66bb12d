namespace Midicoth.Cli;

/// <summary>
/// Writes an output file so that nothing the user had is lost: the bytes go to a temporary file next to the
/// target, which is renamed over it only once complete; an existing target is replaced only when asked.
/// On failure (or Ctrl-C, see <see cref="CliHost"/>) the temporary file is removed.
/// </summary>
public static class SafeOutput
{
    private static readonly object Gate = new();
    private static readonly HashSet<string> Pending = [];

    /// <summary>Temporary files being written right now, for the Ctrl-C handler.</summary>
    public static void RemovePending()
    {
        lock (Gate)
        {
            foreach (string path in Pending) TryDelete(path);
            Pending.Clear();
        }
    }

    /// <summary>Throws unless <paramref name="path"/> may be written.</summary>
    public static void CheckWritable(string path, bool overwrite)
    {
        if (!overwrite && (File.Exists(path) || Directory.Exists(path)))
        {
            throw new CliException(ExitCodes.Io, $"{path} already exists (use -f to overwrite)");
        }
        if (Directory.Exists(path)) throw new CliException(ExitCodes.Io, $"{path} is a directory");
    }

    /// <summary>Writes the bytes produced by <paramref name="write"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, bool overwrite, Action<Stream> write)
    {
        CheckWritable(path, overwrite);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        lock (Gate) Pending.Add(temp);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: false);
            }
            File.Move(temp, full, overwrite);
        }
        finally
        {
            lock (Gate) Pending.Remove(temp);
            TryDelete(temp);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
