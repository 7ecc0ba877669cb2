using System.Buffers.Binary;
using System.Text;
using Depesche.Learning;

namespace Depesche.German.Syntax;

/// <summary>Coarse word classes a lexicon analysis can have; a form's classes form a bit mask.</summary>
[Flags]
public enum LexClass : ushort
{
    None = 0,
    Noun = 1,
    VerbFinite = 2,
    VerbInfinitive = 4,
    VerbParticiple = 8,
    VerbPresentParticiple = 16,
    VerbImperative = 32,
    VerbZuInfinitive = 64,
    AdjectiveDeclined = 128,
    AdjectiveBase = 256,
}

/// <summary>One reading of a form: a signature (class plus the morphological readings under it) and a lemma.</summary>
public readonly record struct LexAnalysis(int Signature, int Lemma);

/// <summary>
/// A full-form German lexicon: form → analyses (class, morphology, lemma). Built by
/// <see cref="LexiconBuilder"/> from the Morphy-derived dictionaries and stored in one compressed file:
/// <code>
/// "DPLX", uint16 version 3, int32 raw length, int32 body length, Brotli body, uint64 checksum of the raw body
/// body: signatures (class + morph strings), lemmas, the sorted forms (lengths, then one UTF-8 block),
/// their analyses, and the open-addressing index (int32 slots)
/// </code>
/// Lookups take a span and allocate nothing: forms live in one character array with an open-addressing index.
/// </summary>
public sealed class Lexicon
{
    public const int FormatVersion = 3;
    private static ReadOnlySpan<byte> Magic => "DPLX"u8;

    private readonly char[] _chars;
    private readonly int[] _formStart; // n + 1 offsets into _chars
    private readonly int[] _analysisStart; // n + 1 offsets into _analyses
    private readonly LexAnalysis[] _analyses;
    private readonly int[] _table; // form index + 1, 0 = empty
    private readonly int _mask;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private Lexicon(string[] signatures, LexClass[] signatureClass, string[] lemmas, char[] chars, int[] formStart, int[] analysisStart, LexAnalysis[] analyses, int[]? table = null)
    {
        Signatures = signatures;
        SignatureClass = signatureClass;
        Lemmas = lemmas;
        _chars = chars;
        _formStart = formStart;
        _analysisStart = analysisStart;
        _analyses = analyses;
        _table = table ?? BuildTable(chars, formStart);
        if (_table.Length < 16 || (_table.Length & (_table.Length - 1)) != 0)
        {
            throw new InvalidDataException("the lexicon's index has an impossible size");
        }
        _mask = _table.Length - 1;
    }

    /// <summary>The open-addressing index: slot → form index + 1 (0 empty), at most half full.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int[] BuildTable(char[] chars, int[] formStart)
    {
        int count = formStart.Length - 1;
        int size = 16;
        while (size < count * 2)
        {
            size <<= 1;
        }
        var table = new int[size];
        int mask = size - 1;
        for (int i = 0; i < count; i++)
        {
            int slot = (int)FeatureHash.Chars(chars.AsSpan(formStart[i], formStart[i + 1] - formStart[i])) & mask;
            while (table[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
        return table;
    }

    /// <summary>An empty lexicon (knows no word).</summary>
    public static Lexicon Empty { get; } = new([], [], [], [], [0], [0], []);

    public int Count => _formStart.Length - 1;

    /// <summary>Signature strings: <c>CLASS</c> then the morphological readings, e.g. <c>Noun Case=Dat|Number=Sing,Case=Nom|Number=Sing Gender=Masc</c>.</summary>
    public IReadOnlyList<string> Signatures { get; }

    public IReadOnlyList<LexClass> SignatureClass { get; }

    public IReadOnlyList<string> Lemmas { get; }

    public string FormString(int i) => new(Form(i));

    private ReadOnlySpan<char> Form(int i) => _chars.AsSpan(_formStart[i], _formStart[i + 1] - _formStart[i]);

    /// <summary>The index of <paramref name="form"/>, or -1.</summary>
    public int Find(ReadOnlySpan<char> form)
    {
        if (Count == 0)
        {
            return -1;
        }
        int slot = (int)FeatureHash.Chars(form) & _mask;
        while (true)
        {
            int v = _table[slot];
            if (v == 0)
            {
                return -1;
            }
            if (Form(v - 1).SequenceEqual(form))
            {
                return v - 1;
            }
            slot = (slot + 1) & _mask;
        }
    }

    public ReadOnlySpan<LexAnalysis> Analyses(int index)
        => index < 0 ? default : _analyses.AsSpan(_analysisStart[index], _analysisStart[index + 1] - _analysisStart[index]);

    public ReadOnlySpan<LexAnalysis> Lookup(ReadOnlySpan<char> form) => Analyses(Find(form));

    public LexClass Classes(int index)
    {
        var mask = LexClass.None;
        foreach (var a in Analyses(index))
        {
            mask |= SignatureClass[a.Signature];
        }
        return mask;
    }

    // ---- file format ----

    internal static byte[] Serialize(IReadOnlyList<string> signatures, IReadOnlyList<string> lemmas, IReadOnlyList<(string Form, List<LexAnalysis> Analyses)> sortedForms)
    {
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(signatures.Count);
            foreach (string s in signatures)
            {
                w.Write(s);
            }
            w.Write(lemmas.Count);
            foreach (string s in lemmas)
            {
                w.Write(s);
            }
            // Forms as one UTF-8 block (decoded in one call when read), their lengths in characters before it.
            w.Write(sortedForms.Count);
            var chars = new System.Text.StringBuilder();
            var formStart = new int[sortedForms.Count + 1];
            for (int i = 0; i < sortedForms.Count; i++)
            {
                formStart[i] = chars.Length;
                w.Write7BitEncodedInt(sortedForms[i].Form.Length);
                chars.Append(sortedForms[i].Form);
            }
            formStart[sortedForms.Count] = chars.Length;
            string all = chars.ToString();
            byte[] blob = Encoding.UTF8.GetBytes(all);
            w.Write(blob.Length);
            w.Write(blob);
            foreach (var (_, analyses) in sortedForms)
            {
                w.Write7BitEncodedInt(analyses.Count);
                foreach (var a in analyses)
                {
                    w.Write7BitEncodedInt(a.Signature);
                    w.Write7BitEncodedInt(a.Lemma);
                }
            }
            // The index, so that reading does not hash every form again.
            int[] table = BuildTable(all.ToCharArray(), formStart);
            w.Write(table.Length);
            foreach (int slot in table)
            {
                w.Write(slot);
            }
        }
        byte[] raw = body.ToArray();
        byte[] compressed = Packing.Compress(raw);
        using var file = new MemoryStream();
        using (var w = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write((ushort)FormatVersion);
            w.Write(raw.Length);
            w.Write(compressed.Length);
            w.Write(compressed);
            w.Write(Packing.Checksum(raw));
        }
        return file.ToArray();
    }

    /// <summary>Reads a lexicon file; errors carry DEP0100/DEP0101.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static Lexicon Read(ReadOnlySpan<byte> file, string source)
    {
        if (file.Length < 22 || !file[..4].SequenceEqual(Magic))
        {
            throw new DepescheException(ErrorCodes.ModelInvalid, $"{source}: not a Depesche lexicon file (no DPLX magic)");
        }
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(file[4..]);
        if (version != FormatVersion)
        {
            throw new DepescheException(ErrorCodes.ModelVersion, $"{source}: lexicon format version {version} is not supported (this build reads version {FormatVersion})");
        }
        int rawLength = BinaryPrimitives.ReadInt32LittleEndian(file[6..]);
        int length = BinaryPrimitives.ReadInt32LittleEndian(file[10..]);
        if (length < 0 || 14 + length + 8 != file.Length)
        {
            throw new DepescheException(ErrorCodes.ModelInvalid, $"{source}: the lexicon file is truncated or has trailing bytes");
        }
        try
        {
            byte[] raw = Packing.Decompress(file.Slice(14, length), rawLength);
            if (BinaryPrimitives.ReadUInt64LittleEndian(file[(14 + length)..]) != Packing.Checksum(raw))
            {
                throw new DepescheException(ErrorCodes.ModelInvalid, $"{source}: the lexicon file is damaged (checksum mismatch)");
            }
            // Parsed straight from the bytes: no string per form (there are hundreds of thousands).
            var r = new SpanReader(raw);
            var signatures = new string[r.Int32()];
            var classes = new LexClass[signatures.Length];
            for (int i = 0; i < signatures.Length; i++)
            {
                signatures[i] = r.String();
                int space = signatures[i].IndexOf(' ', StringComparison.Ordinal);
                classes[i] = Enum.Parse<LexClass>(space < 0 ? signatures[i] : signatures[i][..space]);
            }
            var lemmas = new string[r.Int32()];
            for (int i = 0; i < lemmas.Length; i++)
            {
                lemmas[i] = r.String();
            }
            int count = r.Int32();
            if (count < 0 || count > raw.Length)
            {
                throw new InvalidDataException("impossible form count");
            }
            var formStart = new int[count + 1];
            int charCount = 0;
            for (int i = 0; i < count; i++)
            {
                formStart[i] = charCount;
                charCount += r.VarInt();
            }
            formStart[count] = charCount;
            var blob = r.Bytes(r.Int32());
            var chars = new char[charCount];
            if (Encoding.UTF8.GetChars(blob, chars) != charCount)
            {
                throw new InvalidDataException("form lengths do not match the forms");
            }
            var analysisStart = new int[count + 1];
            var analyses = new List<LexAnalysis>(count * 2);
            for (int i = 0; i < count; i++)
            {
                analysisStart[i] = analyses.Count;
                int n = r.VarInt();
                for (int k = 0; k < n; k++)
                {
                    int sig = r.VarInt();
                    int lemma = r.VarInt();
                    if ((uint)sig >= (uint)signatures.Length || (uint)lemma >= (uint)lemmas.Length)
                    {
                        throw new InvalidDataException("analysis out of range");
                    }
                    analyses.Add(new LexAnalysis(sig, lemma));
                }
            }
            analysisStart[count] = analyses.Count;
            int tableLength = r.Int32();
            if (tableLength < 16 || tableLength > 1 << 26)
            {
                throw new InvalidDataException("impossible index size");
            }
            var table = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(r.Bytes(tableLength * 4)).ToArray();
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("the lexicon format is little-endian");
            }
            foreach (int v in table)
            {
                if ((uint)v > (uint)count)
                {
                    throw new InvalidDataException("index entry out of range");
                }
            }
            if (!r.AtEnd)
            {
                throw new InvalidDataException("trailing bytes");
            }
            return new Lexicon(signatures, classes, lemmas, chars, formStart, analysisStart, [.. analyses], table);

        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            throw new DepescheException(ErrorCodes.ModelInvalid, $"{source}: the lexicon file is damaged ({ex.Message})", ex);
        }
    }
}

/// <summary>Enumerates a lexicon's entries (for learning from them; slow, allocates).</summary>
public static class LexiconEntries
{
    public static IEnumerable<(string Form, LexClass Class, string Lemma)> All(Lexicon lex)
    {
        for (int i = 0; i < lex.Count; i++)
        {
            string form = lex.FormString(i);
            foreach (var a in lex.Analyses(i).ToArray())
            {
                yield return (form, lex.SignatureClass[a.Signature], lex.Lemmas[a.Lemma]);
            }
        }
    }
}
