using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;

namespace Depesche.Learning;

/// <summary>
/// The model file format, version 2:
/// <code>
/// "DPSM"                 4 bytes, magic
/// version                uint16 little-endian (2)
/// feature set            length-prefixed UTF-8 string (e.g. "de-tagger-1")
/// raw length             int32, bytes of the uncompressed body
/// body length            int32, bytes of the compressed body
/// body                   Brotli: row bits, label groups, named sections, then the non-zero weights
///                        as (gap varint, float32) pairs in row-major order
/// checksum               uint64, <see cref="Packing.Checksum"/> of the uncompressed body
/// </code>
/// Writing is deterministic: equal models give byte-identical files.
/// </summary>
public static class ModelFile
{
    public const int FormatVersion = 2;
    private static ReadOnlySpan<byte> Magic => "DPSM"u8;

    public static void Write(LinearModel model, Stream output)
    {
        using var bodyStream = new MemoryStream();
        using (var w = new BinaryWriter(bodyStream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(model.RowBits);
            w.Write(model.Groups.Length);
            foreach (var g in model.Groups)
            {
                w.Write(g.Name);
                w.Write(g.Count);
                foreach (string label in g.Labels)
                {
                    w.Write(label);
                }
            }
            w.Write(model.Sections.Length);
            foreach (var (name, data) in model.Sections)
            {
                w.Write(name);
                w.Write(data.Length);
                w.Write(data);
            }
            var weights = model.Weights;
            int nonZero = 0;
            foreach (float x in weights)
            {
                if (x != 0f)
                {
                    nonZero++;
                }
            }
            w.Write(nonZero);
            int last = -1;
            for (int i = 0; i < weights.Length; i++)
            {
                if (weights[i] != 0f)
                {
                    w.Write7BitEncodedInt(i - last);
                    w.Write(weights[i]);
                    last = i;
                }
            }
        }
        byte[] body = bodyStream.ToArray();
        byte[] compressed = Packing.Compress(body);
        using var header = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        header.Write(Magic);
        header.Write((ushort)FormatVersion);
        header.Write(model.FeatureSet);
        header.Write(body.Length);
        header.Write(compressed.Length);
        header.Write(compressed);
        header.Write(Packing.Checksum(body));
    }

    public static byte[] ToBytes(LinearModel model)
    {
        using var ms = new MemoryStream();
        Write(model, ms);
        return ms.ToArray();
    }

    /// <summary>Writes atomically: a temporary file beside <paramref name="path"/>, then a rename.</summary>
    public static void Save(LinearModel model, string path)
    {
        string tmp = path + ".tmp";
        File.WriteAllBytes(tmp, ToBytes(model));
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Reads a model; <paramref name="expectedFeatureSet"/>, when given, must match. Errors carry codes DEP0100–DEP0102.</summary>
    public static LinearModel Read(ReadOnlySpan<byte> file, string source, string? expectedFeatureSet = null)
    {
        if (file.Length < 4 || !file[..4].SequenceEqual(Magic))
        {
            throw new DepescheException(ErrorCodes.ModelInvalid, $"{source}: not a Depesche model file (no DPSM magic)");
        }
        try
        {
            int pos = 4;
            ushort version = BinaryPrimitives.ReadUInt16LittleEndian(file[pos..]);
            pos += 2;
            if (version is 0 or > 255)
            {
                throw new DepescheException(ErrorCodes.ModelInvalid, $"{source}: not a Depesche model file (impossible format version {version})");
            }
            if (version != FormatVersion)
            {
                throw new DepescheException(ErrorCodes.ModelVersion, $"{source}: model format version {version} is not supported (this build reads version {FormatVersion})");
            }
            string featureSet = ReadString(file, ref pos);
            if (expectedFeatureSet is not null && featureSet != expectedFeatureSet)
            {
                throw new DepescheException(ErrorCodes.ModelMismatch, $"{source}: the model was trained for '{featureSet}', but '{expectedFeatureSet}' is needed here (retrain it with this build)");
            }
            int rawLength = BinaryPrimitives.ReadInt32LittleEndian(file[pos..]);
            pos += 4;
            int length = BinaryPrimitives.ReadInt32LittleEndian(file[pos..]);
            pos += 4;
            if (length < 0 || pos + length + 8 != file.Length)
            {
                throw new DepescheException(ErrorCodes.ModelInvalid, $"{source}: the model file is truncated or has trailing bytes");
            }
            byte[] body = Packing.Decompress(file.Slice(pos, length), rawLength);
            ulong checksum = BinaryPrimitives.ReadUInt64LittleEndian(file[(pos + length)..]);
            if (checksum != Packing.Checksum(body))
            {
                throw new DepescheException(ErrorCodes.ModelInvalid, $"{source}: the model file is damaged (checksum mismatch)");
            }
            return ReadBody(body, featureSet, source);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or EndOfStreamException or InvalidDataException or IOException or ArgumentException or OverflowException or FormatException or IndexOutOfRangeException)
        {
            throw new DepescheException(ErrorCodes.ModelInvalid, $"{source}: the model file is damaged ({ex.Message})", ex);
        }
    }

    public static LinearModel Load(string path, string? expectedFeatureSet = null)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new DepescheException(ErrorCodes.PathNotFound, $"{path}: no such model file");
        }
        catch (DirectoryNotFoundException)
        {
            throw new DepescheException(ErrorCodes.PathNotFound, $"{path}: no such model file");
        }
        return Read(bytes, path, expectedFeatureSet);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static LinearModel ReadBody(byte[] body, string featureSet, string source)
    {
        var r = new SpanReader(body);
        int rowBits = r.Int32();
        if (rowBits is < 4 or > 24)
        {
            throw new DepescheException(ErrorCodes.ModelInvalid, $"{source}: impossible row count 2^{rowBits}");
        }
        int groupCount = r.Int32();
        var groups = ImmutableArray.CreateBuilder<LabelGroup>();
        int offset = 0;
        for (int g = 0; g < groupCount; g++)
        {
            string name = r.String();
            int n = r.Int32();
            if (n < 0 || n > 100_000)
            {
                throw new InvalidDataException("impossible label count");
            }
            var labels = new string[n];
            for (int i = 0; i < n; i++)
            {
                labels[i] = r.String();
            }
            groups.Add(new LabelGroup(name, offset, [.. labels]));
            offset += n;
        }
        int sectionCount = r.Int32();
        var sections = ImmutableArray.CreateBuilder<KeyValuePair<string, byte[]>>();
        for (int s = 0; s < sectionCount; s++)
        {
            string name = r.String();
            int len = r.Int32();
            sections.Add(new(name, r.Bytes(len).ToArray()));
        }
        var weights = new float[checked((1 << rowBits) * offset)];
        int nonZero = r.Int32();
        int index = -1;
        for (int k = 0; k < nonZero; k++)
        {
            index += r.VarInt();
            weights[index] = r.Single();
        }
        if (!r.AtEnd)
        {
            throw new DepescheException(ErrorCodes.ModelInvalid, $"{source}: the model body has trailing bytes");
        }
        return new LinearModel(featureSet, rowBits, groups.ToImmutable(), weights, sections.ToImmutable());
    }

    private static string ReadString(ReadOnlySpan<byte> file, ref int pos)
    {
        int len = 0;
        int shift = 0;
        while (true)
        {
            byte b = file[pos++];
            len |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
            shift += 7;
            if (shift > 28)
            {
                throw new FormatException("bad string length");
            }
        }
        string s = Encoding.UTF8.GetString(file.Slice(pos, len));
        pos += len;
        return s;
    }
}
