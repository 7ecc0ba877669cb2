using System.Buffers.Binary;
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
    /// <summary>Bytes per token in <c>documents.tokens</c>: start and end (int32, code points), kind, flags.</summary>
    public const int TokenRecordSize = 10;

    private PreparedDocument(Document document, string id, bool derivedId, string hash, CodePointMap map, int length, string paragraphs, string sentences, byte[]? tokens)
    {
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

        byte[]? tokens = null;
        if (storeTokens)
        {
            var list = document.Tokens;
            tokens = new byte[list.Length * TokenRecordSize];
            var span = tokens.AsSpan();
            for (int i = 0; i < list.Length; i++)
            {
                var t = list[i];
                var rec = span.Slice(i * TokenRecordSize, TokenRecordSize);
                BinaryPrimitives.WriteInt32LittleEndian(rec, map.ToCodePoint(t.Start));
                BinaryPrimitives.WriteInt32LittleEndian(rec[4..], map.ToCodePoint(t.End));
                rec[8] = (byte)t.Kind;
                rec[9] = (byte)t.Flags;
            }
        }
        return new PreparedDocument(document, document.Id, derivedId, hash ?? HashOf(document.Text), map, length, paragraphs, sentences, tokens);
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
