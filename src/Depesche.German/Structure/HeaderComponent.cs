using System.Collections.Frozen;
using System.Collections.Immutable;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Structure;

/// <summary>
/// Reads a report's outer structure: the header line some corpora put first (<c> date 2022-02 </c>),
/// paragraphs (blocks between blank lines), headings (short lines between paragraphs without
/// sentence punctuation) and the dateline (<c>Brüssel (dpa) - </c>).
/// </summary>
public sealed class HeaderComponent : IComponent
{
    /// <summary>A heading has at most this many characters.</summary>
    public const int MaxHeadingLength = 160;

    /// <summary>A heading has at most this many words.</summary>
    public const int MaxHeadingWords = 20;

    private readonly FrozenSet<string> _agencies;

    public HeaderComponent()
    {
        _agencies = GermanData.FirstColumn(GermanData.Load("datelines.tsv", "datelines"), comparer: StringComparer.OrdinalIgnoreCase);
    }

    public string Name => "header";

    public IReadOnlyList<LayerKey> Requires => [];

    public IReadOnlyList<LayerKey> Produces => [Layers.Header, Layers.Paragraphs];

    public void Process(Document document)
    {
        string text = document.Text;
        var (headerLine, date, dateRange, afterHeader) = ReadHeaderLine(text);
        var blocks = SplitBlocks(text, afterHeader);

        // The dateline opens the first paragraph that is not a title line.
        Dateline? dateline = null;
        int bodyStart = afterHeader;
        for (int b = 0; b < blocks.Count && b < 3; b++)
        {
            if (TryDateline(text, blocks[b].Start, blocks[b].End, out var dl, out int after, out var datelineDate, out var datelineDateRange))
            {
                dateline = dl;
                bodyStart = after;
                if (date is null && datelineDate is not null)
                {
                    // "Berlin, 3. März 2022 (KNA) - ": without a header line, the dateline's full date is the report's
                    date = datelineDate;
                    dateRange = datelineDateRange;
                }
                break;
            }
        }

        var paragraphs = ImmutableArray.CreateBuilder<Paragraph>(blocks.Count);
        for (int b = 0; b < blocks.Count; b++)
        {
            var (start, end, multiline) = blocks[b];
            bool hasDateline = dateline is not null && dateline.Range.Start >= start && dateline.Range.End <= end;
            bool isHeading = !hasDateline && !multiline && b + 1 < blocks.Count && LooksLikeHeading(text.AsSpan(start, end - start));
            paragraphs.Add(new Paragraph(start, end, isHeading ? ParagraphKind.Heading : ParagraphKind.Body));
        }
        document.Set(Layers.Header, new HeaderInfo(headerLine, date, dateRange, dateline, bodyStart));
        document.Set(Layers.Paragraphs, paragraphs.MoveToImmutable());
    }

    /// <summary>The header line: optional spaces, <c>date</c>, a date (YYYY, YYYY-MM or YYYY-MM-DD), then whitespace.</summary>
    internal static (TextRange? Line, PartialDate? Date, TextRange? DateRange, int After) ReadHeaderLine(string text)
    {
        var s = text.AsSpan();
        int i = 0;
        while (i < s.Length && i < 64 && s[i] is ' ' or '\t' or '\uFEFF')
        {
            i++;
        }
        if (!s[i..].StartsWith("date", StringComparison.Ordinal))
        {
            return (null, null, null, 0);
        }
        int j = i + 4;
        int k = j;
        while (k < s.Length && s[k] is ' ' or '\t')
        {
            k++;
        }
        if (k == j)
        {
            return (null, null, null, 0);
        }
        int v = k;
        while (v < s.Length && v - k < 10 && (char.IsAsciiDigit(s[v]) || s[v] == '-'))
        {
            v++;
        }
        if (v < s.Length && !char.IsWhiteSpace(s[v]))
        {
            return (null, null, null, 0);
        }
        if (!PartialDate.TryParse(s[k..v], out var date))
        {
            return (null, null, null, 0);
        }
        int after = v;
        while (after < s.Length && char.IsWhiteSpace(s[after]))
        {
            after++;
        }
        return (new TextRange(i, v), date, new TextRange(k, v), after);
    }

    /// <summary>Blocks of non-blank lines, trimmed of surrounding whitespace.</summary>
    internal static List<(int Start, int End, bool Multiline)> SplitBlocks(string text, int from)
    {
        var blocks = new List<(int, int, bool)>();
        var s = text.AsSpan();
        int pos = from;
        int blockStart = -1;
        int blockEnd = -1;
        bool multiline = false;
        while (pos <= s.Length)
        {
            int nl = pos < s.Length ? s[pos..].IndexOf('\n') : -1;
            int lineEnd = nl < 0 ? s.Length : pos + nl;
            var line = s[pos..lineEnd];
            int lead = 0;
            while (lead < line.Length && char.IsWhiteSpace(line[lead]))
            {
                lead++;
            }
            if (lead == line.Length)
            {
                if (blockStart >= 0)
                {
                    blocks.Add((blockStart, blockEnd, multiline));
                    blockStart = -1;
                    multiline = false;
                }
            }
            else
            {
                int trail = line.Length;
                while (trail > 0 && char.IsWhiteSpace(line[trail - 1]))
                {
                    trail--;
                }
                if (blockStart < 0)
                {
                    blockStart = pos + lead;
                }
                else
                {
                    multiline = true;
                }
                blockEnd = pos + trail;
            }
            if (nl < 0)
            {
                break;
            }
            pos = lineEnd + 1;
        }
        if (blockStart >= 0)
        {
            blocks.Add((blockStart, blockEnd, multiline));
        }
        return blocks;
    }

    private static bool LooksLikeHeading(ReadOnlySpan<char> line)
    {
        if (line.Length > MaxHeadingLength || line.IsEmpty)
        {
            return false;
        }
        int k = line.Length - 1;
        while (k > 0 && line[k] is '»' or '«' or '"' or '“' or '”' or '\'' or ')' or '’')
        {
            k--;
        }
        if (line[k] is '.' or '!' or '?' or ':' or ';' or ',' or '…' or '-' or '–')
        {
            return false;
        }
        int words = 1;
        bool letter = false;
        foreach (char c in line)
        {
            if (c == ' ')
            {
                words++;
            }
            letter |= char.IsLetter(c);
        }
        return letter && words <= MaxHeadingWords;
    }

    /// <summary>
    /// <c>Place (agency) - </c> at the start of a block: a place of up to four capitalised words
    /// (joined by spaces, <c>/</c> or <c>-</c>), an agency in parentheses, and a hyphen, en or em dash.
    /// Without an agency, the place must be followed by a spaced dash and a capitalised word. A date may stand
    /// between place and agency (<c>Berlin, 3. März 2022 (KNA) - </c>, <c>Bonn, 03.03.2022 (epd) - </c>); then the
    /// agency is required, and a date with its year is returned.
    /// </summary>
    internal bool TryDateline(string text, int start, int end, out Dateline? dateline, out int bodyStart) =>
        TryDateline(text, start, end, out dateline, out bodyStart, out _, out _);

    internal bool TryDateline(string text, int start, int end, out Dateline? dateline, out int bodyStart, out PartialDate? date, out TextRange? dateRange)
    {
        dateline = null;
        bodyStart = start;
        date = null;
        dateRange = null;
        var s = text.AsSpan(0, end);
        int i = start;
        int words = 0;
        int placeEnd = start;
        while (i < s.Length && words < 5)
        {
            if (!char.IsUpper(s[i]))
            {
                break;
            }
            int w = i;
            while (w < s.Length && (char.IsLetter(s[w]) || s[w] is '.' or '\'' or '-') && w - i < 40)
            {
                w++;
            }
            if (w - i < 2 && !(w < s.Length && s[w] == '.'))
            {
                break;
            }
            words++;
            placeEnd = w;
            if (w < s.Length && s[w] == '/' && w + 1 < s.Length && char.IsUpper(s[w + 1]))
            {
                i = w + 1;
                continue;
            }
            if (w + 1 < s.Length && s[w] == ' ' && char.IsUpper(s[w + 1]))
            {
                i = w + 1;
                continue;
            }
            break;
        }
        if (words == 0 || placeEnd - start > 60)
        {
            return false;
        }
        // A place ends in a letter or a full stop: "St." is fine, a trailing hyphen is not.
        if (s[placeEnd - 1] == '-')
        {
            return false;
        }
        int k = placeEnd;
        bool dated = false;
        if (k < s.Length && s[k] == ',' && DatelineDate(s, k + 1, out int dateStart, out int dateEnd, out var parsed))
        {
            dated = true;
            date = parsed;
            dateRange = parsed is null ? null : new TextRange(dateStart, dateEnd);
            k = dateEnd;
        }
        while (k < s.Length && s[k] == ' ')
        {
            k++;
        }
        if (dated && !(k < s.Length && s[k] == '('))
        {
            date = null;
            dateRange = null;
            return false; // a dated dateline names its agency
        }
        string? agency = null;
        TextRange? agencyRange = null;
        if (k < s.Length && s[k] == '(')
        {
            int close = s[(k + 1)..].IndexOf(')');
            if (close < 1 || close > 40)
            {
                return false;
            }
            var inner = s.Slice(k + 1, close).Trim();
            foreach (char c in inner)
            {
                if (!(char.IsLetterOrDigit(c) || c is '/' or '-' or ' ' or '.' or '&'))
                {
                    return false;
                }
            }
            int innerStart = k + 1 + (s.Slice(k + 1, close).Length - s.Slice(k + 1, close).TrimStart().Length);
            agency = inner.ToString();
            agencyRange = new TextRange(innerStart, innerStart + inner.Length);
            k = k + 1 + close + 1;
            while (k < s.Length && s[k] == ' ')
            {
                k++;
            }
        }
        bool dash = k < s.Length && s[k] is '-' or '–' or '—';
        int rangeEnd;
        if (dash)
        {
            rangeEnd = k + 1;
            if (rangeEnd < s.Length && s[rangeEnd] != ' ' && s[rangeEnd] != '\u00A0')
            {
                return false; // "Nato-Staaten": a compound, not a dash
            }
        }
        else if (agency is not null && IsKnownAgency(agency))
        {
            rangeEnd = k;
        }
        else
        {
            return false;
        }
        int body = rangeEnd;
        while (body < s.Length && char.IsWhiteSpace(s[body]))
        {
            body++;
        }
        if (agency is null)
        {
            // No agency: only a short place before a spaced dash, with a capitalised sentence after it.
            if (words > 3 || k == placeEnd || body >= s.Length || !(char.IsUpper(s[body]) || s[body] is '„' or '«' or '»' or '"'))
            {
                return false;
            }
        }
        dateline = new Dateline(text[start..placeEnd], new TextRange(start, placeEnd), agency, agencyRange, new TextRange(start, rangeEnd));
        bodyStart = body;
        return true;
    }

    /// <summary>" 3. März 2022", " 3. März", " 03.03.2022" from <paramref name="from"/>: where the date lies, and the date
    /// when it has a year (null otherwise, but still read as a date).</summary>
    private static bool DatelineDate(ReadOnlySpan<char> s, int from, out int dateStart, out int dateEnd, out PartialDate? date)
    {
        date = null;
        int i = from;
        while (i < s.Length && s[i] == ' ')
        {
            i++;
        }
        dateStart = i;
        dateEnd = i;
        int day = ReadNumber(s, ref i, 2);
        if (day is < 1 or > 31 || i >= s.Length || s[i] != '.')
        {
            return false;
        }
        i++;
        int month;
        int afterDot = i;
        int numeric = ReadNumber(s, ref i, 2);
        if (numeric > 0 && i < s.Length && s[i] == '.')
        {
            month = numeric;
            i++;
        }
        else
        {
            i = afterDot;
            while (i < s.Length && s[i] == ' ')
            {
                i++;
            }
            int w = i;
            while (w < s.Length && (char.IsLetter(s[w]) || s[w] == '.') && w - i < 12)
            {
                w++;
            }
            month = 0;
            if (w > i && Times.TimeLexicon.Default.Lookup.TryGetValue(s[i..w], out var senses))
            {
                foreach (var sense in senses)
                {
                    if (sense.Class == "month" && int.TryParse(sense.Value, System.Globalization.CultureInfo.InvariantCulture, out int m))
                    {
                        month = m;
                    }
                }
            }
            i = w;
        }
        if (month is < 1 or > 12)
        {
            return false;
        }
        dateEnd = i;
        int y = i;
        while (y < s.Length && s[y] == ' ')
        {
            y++;
        }
        int yearAt = y;
        int year = ReadNumber(s, ref y, 4);
        if (year >= 1900 && y - yearAt == 4)
        {
            dateEnd = y;
            if (day <= DateTime.DaysInMonth(year, month))
            {
                date = new PartialDate(year, month, day);
            }
        }
        return true;
    }

    private static int ReadNumber(ReadOnlySpan<char> s, ref int i, int maxDigits)
    {
        int value = 0;
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < maxDigits)
        {
            value = value * 10 + (s[i] - '0');
            i++;
        }
        return i == start ? -1 : value;
    }

    private bool IsKnownAgency(string agency)
    {
        foreach (var part in agency.Split('/', StringSplitOptions.TrimEntries))
        {
            if (!_agencies.Contains(part))
            {
                return false;
            }
        }
        return true;
    }
}
