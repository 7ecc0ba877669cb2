namespace Depesche.Cli;

/// <summary>
/// Where a command's output goes. A file is written next to its final place and moved there only
/// when everything is written, so a failure never leaves half a file behind.
/// </summary>
internal sealed class OutputSink : IDisposable
{
    private readonly Stream _stream;
    private readonly string? _finalPath;
    private readonly string? _tempPath;
    private bool _committed;

    private OutputSink(Stream stream, string? finalPath, string? tempPath)
    {
        _stream = stream;
        _finalPath = finalPath;
        _tempPath = tempPath;
    }

    public static OutputSink Open(string? path, Stream stdout)
    {
        if (path is null || path == "-")
        {
            return new OutputSink(new BufferedStream(stdout, 1 << 16), null, null);
        }
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
        {
            throw new DepescheException(ErrorCodes.WriteFailed, $"cannot write '{path}': the folder '{dir}' does not exist");
        }
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            return new OutputSink(new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), full, temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DepescheException(ErrorCodes.WriteFailed, $"cannot write '{path}': {ex.Message}");
        }
    }

    public void Write(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

    /// <summary>Writes a whole output at once (atomically for a file); the exit code says whether it worked.</summary>
    public static int WriteAll(CliConsole console, string? path, ReadOnlySpan<byte> bytes)
    {
        using var sink = Open(path, console.Stdout);
        try
        {
            sink.Write(bytes);
            sink.Commit();
        }
        catch (IOException ex)
        {
            console.Error(ErrorCodes.WriteFailed, $"could not write the output: {ex.Message}");
            return DepescheCli.ExitOutput;
        }
        return DepescheCli.ExitOk;
    }

    public void Commit()
    {
        _stream.Flush();
        if (_finalPath is not null)
        {
            _stream.Dispose();
            File.Move(_tempPath!, _finalPath, overwrite: true);
        }
        _committed = true;
    }

    public void Dispose()
    {
        if (_finalPath is null)
        {
            _stream.Flush();
            return;
        }
        _stream.Dispose();
        if (!_committed && File.Exists(_tempPath))
        {
            File.Delete(_tempPath!);
        }
    }
}
