using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Depesche.Model;

namespace Depesche.Input;

/// <summary>How to read an input's bytes.</summary>
public enum InputFormat
{
    /// <summary>JSON Lines for <c>.jsonl</c>/<c>.ndjson</c> files and for standard input that starts with <c>{</c>; plain text otherwise.</summary>
    Auto,
    Text,
    JsonLines,
}

/// <summary>One report as read: its text exactly as decoded, with what the input said about it.</summary>
public sealed record InputRecord(string Id, string Source, string Text, PartialDate? Date, string? Url)
{
    public Document ToDocument(DateOnly? referenceDateOverride = null)
        => new(Text, Id, Source, Date, Url, referenceDateOverride);
}

/// <summary>An input that could not be read, with a stable code, the file and (for JSON Lines) the line.</summary>
public sealed record InputError(string Code, string Source, int? Line, string Message)
{
    public override string ToString() => Line is { } l
        ? $"{Code}: {Source}:{l}: {Message}"
        : $"{Code}: {Source}: {Message}";
}

/// <summary>Either a record or an error; the reader yields both in input order.</summary>
public readonly record struct InputItem(InputRecord? Record, InputError? Error)
{
    public bool IsError => Error is not null;
}

/// <summary>
/// Reads reports from files, folders of <c>.txt</c> files, standard input and JSON Lines.
/// Bad inputs become <see cref="InputError"/> items; the good ones are still read.
/// </summary>
public sealed class InputReader
{
    /// <summary>The largest report Depesche reads in one piece (bytes).</summary>
    public const long MaxInputBytes = 512L * 1024 * 1024;

    public const string StdinName = "-";

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly InputFormat _format;
    private readonly Func<Stream> _openStdin;

    public InputReader(InputFormat format = InputFormat.Auto, Func<Stream>? openStdin = null)
    {
        _format = format;
        _openStdin = openStdin ?? Console.OpenStandardInput;
    }

    public IEnumerable<InputItem> Read(IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            foreach (var item in ReadOne(path))
            {
                yield return item;
            }
        }
    }

    private IEnumerable<InputItem> ReadOne(string path)
    {
        if (path == StdinName)
        {
            byte[] bytes;
            InputError? error = null;
            try
            {
                using var stdin = _openStdin();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                bytes = buffer.ToArray();
            }
            catch (IOException ex)
            {
                bytes = [];
                error = new InputError(ErrorCodes.ReadFailed, "stdin", null, ex.Message);
            }
            if (error is not null)
            {
                yield return new InputItem(null, error);
                yield break;
            }
            bool jsonl = _format == InputFormat.JsonLines || (_format == InputFormat.Auto && StartsWithBrace(bytes));
            foreach (var item in jsonl ? ReadJsonLines(bytes, "stdin", "stdin") : [ReadText(bytes, "stdin", "stdin")])
            {
                yield return item;
            }
            yield break;
        }

        if (Directory.Exists(path))
        {
            string[] files = Directory.EnumerateFiles(path, "*.txt", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (files.Length == 0)
            {
                yield return new InputItem(null, new InputError(ErrorCodes.EmptyFolder, path, null, "the folder holds no .txt file"));
                yield break;
            }
            foreach (string file in files)
            {
                string rel = Path.GetRelativePath(path, file);
                string id = Path.ChangeExtension(rel, null).Replace(Path.DirectorySeparatorChar, '/');
                yield return ReadFile(file, id, InputFormat.Text).Single();
            }
            yield break;
        }

        if (!File.Exists(path))
        {
            yield return new InputItem(null, new InputError(ErrorCodes.PathNotFound, path, null, "no such file or folder"));
            yield break;
        }

        string stem = Path.GetFileNameWithoutExtension(path);
        foreach (var item in ReadFile(path, stem, _format))
        {
            yield return item;
        }
    }

    private static IEnumerable<InputItem> ReadFile(string path, string id, InputFormat format)
    {
        byte[] bytes;
        InputError? error = null;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxInputBytes)
            {
                error = new InputError(ErrorCodes.InputTooLarge, path, null, $"the file has {info.Length:N0} bytes; at most {MaxInputBytes:N0} are read as one input");
                bytes = [];
            }
            else
            {
                bytes = File.ReadAllBytes(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = new InputError(ErrorCodes.ReadFailed, path, null, ex.Message);
            bytes = [];
        }
        if (error is not null)
        {
            return [new InputItem(null, error)];
        }
        bool jsonl = format == InputFormat.JsonLines
            || (format == InputFormat.Auto && (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)));
        return jsonl ? ReadJsonLines(bytes, path, id) : [ReadText(bytes, path, id)];
    }

    /// <summary>Decodes a whole input as one plain-text report.</summary>
    public static InputItem ReadText(ReadOnlySpan<byte> bytes, string source, string id)
    {
        if (!TryDecode(bytes, out string? text, out string? code, out string? message))
        {
            return new InputItem(null, new InputError(code!, source, null, message!));
        }
        return new InputItem(new InputRecord(id, source, text!, null, null), null);
    }

    /// <summary>Reads JSON Lines: each non-blank line an object with <c>text</c> and optional <c>id</c>, <c>date</c>, <c>url</c>.</summary>
    public static IEnumerable<InputItem> ReadJsonLines(byte[] bytes, string source, string stem)
    {
        int lineNo = 0;
        int pos = 0;
        if (bytes.AsSpan().StartsWith(Utf8Bom))
        {
            pos = Utf8Bom.Length;
        }
        while (pos < bytes.Length)
        {
            lineNo++;
            int nl = bytes.AsSpan(pos).IndexOf((byte)'\n');
            int end = nl < 0 ? bytes.Length : pos + nl;
            var line = new ReadOnlyMemory<byte>(bytes, pos, end - pos);
            pos = end + 1;
            var item = ReadJsonLine(line.Span, source, stem, lineNo);
            if (item is { } it)
            {
                yield return it;
            }
        }
    }

    private static InputItem? ReadJsonLine(ReadOnlySpan<byte> line, string source, string stem, int lineNo)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }
        if (line.Trim(" \t"u8).IsEmpty)
        {
            return null;
        }
        if (line.Contains((byte)0))
        {
            return Fail(ErrorCodes.BinaryInput, "the line contains NUL bytes; this looks like a binary file");
        }
        if (!Utf8.IsValid(line))
        {
            return Fail(ErrorCodes.InvalidUtf8, $"the line is not valid UTF-8 (byte {FirstInvalidByte(line) + 1} of the line)");
        }
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
            using var json = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                return Fail(ErrorCodes.InvalidJsonLine, "more than one JSON value on the line");
            }
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(ErrorCodes.InvalidJsonLine, $"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}");
            }
            if (!root.TryGetProperty("text", out var textEl) || textEl.ValueKind != JsonValueKind.String)
            {
                return Fail(ErrorCodes.MissingTextField, "the record has no string field \"text\"");
            }
            string text = textEl.GetString()!;
            string id = stem + ":" + lineNo.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (root.TryGetProperty("id", out var idEl))
            {
                switch (idEl.ValueKind)
                {
                    case JsonValueKind.String:
                        id = idEl.GetString()!;
                        break;
                    case JsonValueKind.Number:
                        id = idEl.GetRawText();
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        return Fail(ErrorCodes.InvalidField, "\"id\" must be a string or a number");
                }
            }
            PartialDate? date = null;
            if (root.TryGetProperty("date", out var dateEl) && dateEl.ValueKind != JsonValueKind.Null)
            {
                if (dateEl.ValueKind != JsonValueKind.String || !TryParseRecordDate(dateEl.GetString()!, out date))
                {
                    return Fail(ErrorCodes.InvalidField, $"\"date\" must be YYYY, YYYY-MM or YYYY-MM-DD (optionally with a time), found {dateEl.GetRawText()}");
                }
            }
            string? url = null;
            if (root.TryGetProperty("url", out var urlEl) && urlEl.ValueKind == JsonValueKind.String)
            {
                url = urlEl.GetString();
            }
            return new InputItem(new InputRecord(id, $"{source}:{lineNo}", text, date, url), null);
        }
        catch (JsonException ex)
        {
            return Fail(ErrorCodes.InvalidJsonLine, $"not valid JSON ({FirstSentence(ex.Message)})");
        }

        InputItem Fail(string code, string message) => new(null, new InputError(code, source, lineNo, message));
    }

    private static bool TryParseRecordDate(string s, out PartialDate? date)
    {
        // Accept ISO timestamps too (2022-02-25T10:00:00Z): their calendar date is what counts here.
        int t = s.IndexOfAny(['T', ' ']);
        return PartialDate.TryParse(t == 10 ? s.AsSpan(0, 10) : s.AsSpan(), out date);
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Strict UTF-8 decoding: a BOM is skipped, NUL bytes mean binary, invalid sequences are reported with their position.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string? text, out string? code, out string? message)
    {
        text = null;
        code = null;
        message = null;
        if (bytes.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            code = ErrorCodes.BinaryInput;
            message = $"NUL byte at offset {nul}; this looks like a binary file, not UTF-8 text";
            return false;
        }
        if (!Utf8.IsValid(bytes))
        {
            code = ErrorCodes.InvalidUtf8;
            int at = FirstInvalidByte(bytes);
            message = $"not valid UTF-8 at byte offset {at} (line {LineAt(bytes, at)}); convert the file to UTF-8 first";
            return false;
        }
        text = s_strictUtf8.GetString(bytes);
        return true;
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        char[] scratch = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            int offset = 0;
            while (offset < bytes.Length)
            {
                var status = Utf8.ToUtf16(bytes[offset..], scratch, out int read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                offset += read;
                if (status == System.Buffers.OperationStatus.InvalidData)
                {
                    return offset;
                }
                if (status == System.Buffers.OperationStatus.Done)
                {
                    break;
                }
            }
            return offset;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    private static int LineAt(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;

    private static bool StartsWithBrace(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }
        bytes = bytes.TrimStart(" \t\r\n"u8);
        return bytes.Length > 0 && bytes[0] == (byte)'{';
    }

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message.TrimEnd('.');
    }
}
