using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Depesche.Model;
using Depesche.Output;

namespace Depesche.Store;

/// <summary>
/// A processed document made ready for the store: its content hash, code-point offsets and the
/// compact structure columns. Built on the worker threads so that the single writer only binds values.
/// </summary>
public sealed class PreparedDocument
{

    private PreparedDocument(Document document, string id, bool derivedId, string hash, CodePointMap map, int length, string paragraphs, string sentences, byte[]? tokens, string? words)
    {
        WordsJson = words;
        Document = document;
        Id = id;
        DerivedId = derivedId;
        Hash = hash;
        Map = map;
        Length = length;
        ParagraphsJson = paragraphs;
        SentencesJson = sentences;
        Tokens = tokens;
    }

    public Document Document { get; }

    public string Id { get; internal set; }

    /// <summary>True when the input gave no id of its own (a JSON Lines record without <c>id</c>, standard input): such documents are matched by content hash.</summary>
    public bool DerivedId { get; }

    /// <summary>SHA-256 of the UTF-8 text, lower-case hex.</summary>
    public string Hash { get; }

    public CodePointMap Map { get; }

    /// <summary>The text's length in code points.</summary>
    public int Length { get; }

    public string ParagraphsJson { get; }

    public string SentencesJson { get; }

    public byte[]? Tokens { get; }

    /// <summary>The syntax layers as a JSON array of <c>[token, form, upos, xpos, feats, lemma, head, deprel]</c>, or null without a words layer.</summary>
    public string? WordsJson { get; }

    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static PreparedDocument Create(Document document, bool derivedId, bool storeTokens = true, string? hash = null)
    {
        var map = new CodePointMap(document.Text);
        int length = map.ToCodePoint(document.Text.Length);

        var sb = new StringBuilder(32 + document.Paragraphs.Length * 16);
        sb.Append('[');
        bool first = true;
        foreach (var p in document.Paragraphs)
        {
            if (!first)
            {
                sb.Append(',');
            }
            first = false;
            sb.Append('[').Append(map.ToCodePoint(p.Start)).Append(',').Append(map.ToCodePoint(p.End))
              .Append(p.Kind == ParagraphKind.Heading ? ",\"heading\"]" : ",\"body\"]");
        }
        sb.Append(']');
        string paragraphs = sb.ToString();

        sb.Clear().Append('[');
        first = true;
        foreach (var s in document.Sentences)
        {
            if (!first)
            {
                sb.Append(',');
            }
            first = false;
            sb.Append('[').Append(map.ToCodePoint(s.Start)).Append(',').Append(map.ToCodePoint(s.End)).Append(',')
              .Append(s.Paragraph).Append(',').Append(s.FirstToken).Append(',').Append(s.TokenCount).Append(']');
        }
        sb.Append(']');
        string sentences = sb.ToString();

        byte[]? tokens = storeTokens ? EncodeTokens(document.Tokens, map) : null;
        return new PreparedDocument(document, document.Id, derivedId, hash ?? HashOf(document.Text), map, length, paragraphs, sentences, tokens, EncodeWords(document));
    }

    /// <summary>
    /// The words column: <c>{"labels": [[upos, xpos, feats], …], "words": [[token, form, label, lemma, head, deprel], …]}</c>,
    /// label an index into labels; lemma null when it equals the form; head a word index, -1 for
    /// the root; head and deprel left out when the report was not parsed.
    /// </summary>
    public static string? EncodeWords(Document document)
    {
        if (!document.TryGet(Processing.Layers.Words, out var words) || words.IsDefault)
        {
            return null;
        }
        document.TryGet(Processing.Layers.Dependencies, out var deps);
        bool parsed = !deps.IsDefault && deps.Length == words.Length;
        // Tag triples repeat: each distinct (upos, xpos, feats) is written once per report under "labels".
        var labels = new Dictionary<(string, string, string), int>();
        var labelOf = new int[words.Length];
        for (int i = 0; i < words.Length; i++)
        {
            var key = (words[i].Upos, words[i].Xpos, words[i].Feats);
            if (!labels.TryGetValue(key, out int label))
            {
                label = labels.Count;
                labels[key] = label;
            }
            labelOf[i] = label;
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(words.Length * 32 + labels.Count * 40 + 32);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, DocumentJsonWriter.WriterOptions(false)))
        {
            w.WriteStartObject();
            w.WriteStartArray("labels");
            foreach (var ((upos, xpos, feats), _) in labels.OrderBy(kv => kv.Value))
            {
                w.WriteStartArray();
                w.WriteStringValue(upos);
                w.WriteStringValue(xpos);
                w.WriteStringValue(feats);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartArray("words");
            for (int i = 0; i < words.Length; i++)
            {
                var word = words[i];
                w.WriteStartArray();
                w.WriteNumberValue(word.Token);
                w.WriteStringValue(word.Form ?? (word.Token < document.Tokens.Length ? document.TextOf(document.Tokens[word.Token].Range) : ""));
                w.WriteNumberValue(labelOf[i]);
                WriteNullable(w, word.Lemma);
                if (parsed)
                {
                    w.WriteNumberValue(deps[i].Head);
                    w.WriteStringValue(deps[i].Deprel);
                }
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);

        static void WriteNullable(System.Text.Json.Utf8JsonWriter w, string? value)
        {
            if (value is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteStringValue(value);
            }
        }
    }

    /// <summary>
    /// The tokens column: per token, the gap since the previous token's end and the token's length
    /// (both in code points, as unsigned LEB128 varints), then its kind and its flags (one byte each).
    /// About four bytes a token.
    /// </summary>
    public static byte[] EncodeTokens(System.Collections.Immutable.ImmutableArray<TokenInfo> tokens, CodePointMap map)
    {
        var buffer = new byte[tokens.Length * 12];
        int pos = 0, prevEnd = 0;
        foreach (var t in tokens)
        {
            int start = map.ToCodePoint(t.Start), end = map.ToCodePoint(t.End);
            pos = WriteVarint(buffer, pos, (uint)(start - prevEnd));
            pos = WriteVarint(buffer, pos, (uint)(end - start));
            buffer[pos++] = (byte)t.Kind;
            buffer[pos++] = (byte)t.Flags;
            prevEnd = end;
        }
        return buffer.AsSpan(0, pos).ToArray();
    }

    /// <summary>Reads the tokens column back as code-point ranges with kind and flags.</summary>
    public static List<(int Start, int End, TokenKind Kind, TokenFlags Flags)> DecodeTokens(ReadOnlySpan<byte> blob)
    {
        var list = new List<(int, int, TokenKind, TokenFlags)>(blob.Length / 4);
        int pos = 0, prevEnd = 0;
        while (pos < blob.Length)
        {
            int start = prevEnd + (int)ReadVarint(blob, ref pos);
            int end = start + (int)ReadVarint(blob, ref pos);
            if (pos + 2 > blob.Length)
            {
                throw new DepescheException(ErrorCodes.StoreCorrupt, "a tokens column is truncated");
            }
            list.Add((start, end, (TokenKind)blob[pos], (TokenFlags)blob[pos + 1]));
            pos += 2;
            prevEnd = end;
        }
        return list;
    }

    private static int WriteVarint(byte[] buffer, int pos, uint value)
    {
        while (value >= 0x80)
        {
            buffer[pos++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[pos++] = (byte)value;
        return pos;
    }

    private static uint ReadVarint(ReadOnlySpan<byte> blob, ref int pos)
    {
        uint value = 0;
        int shift = 0;
        while (true)
        {
            if (pos >= blob.Length || shift > 28)
            {
                throw new DepescheException(ErrorCodes.StoreCorrupt, "a tokens column is malformed");
            }
            byte b = blob[pos++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
            shift += 7;
        }
    }

    /// <summary>The first and last calendar day a partial date may stand for, as ISO dates.</summary>
    public static (string First, string Last)? DayBounds(PartialDate? date)
    {
        if (date is not { } d)
        {
            return null;
        }
        int m1 = d.Month ?? 1;
        int m2 = d.Month ?? 12;
        int d1 = d.Day ?? 1;
        int d2 = d.Day ?? DateTime.DaysInMonth(d.Year, m2);
        return (new DateOnly(d.Year, m1, d1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                new DateOnly(d.Year, m2, d2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
