using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using Depesche.Model;

namespace Depesche.German.Segmentation;

/// <summary>
/// Splits German text into tokens in one pass over its characters. Every character that is not
/// whitespace belongs to exactly one token, so tokens plus the whitespace between them rebuild
/// the text. No string is allocated per token.
/// </summary>
public sealed class Tokenizer
{
    private static readonly SearchValues<char> s_urlStop = SearchValues.Create(" \t\r\n\u00A0<>\"«»„“”");
    private static readonly SearchValues<char> s_trailingUrlPunct = SearchValues.Create(".,;:!?)]}'’»«\"“”");

    private readonly SegmenterData _data;

    public Tokenizer(SegmenterData? data = null)
    {
        _data = data ?? SegmenterData.Default;
    }

    /// <summary>Tokenizes the whole text.</summary>
    public TokenInfo[] Tokenize(string text)
    {
        var tokens = new TokenBuffer(Math.Max(16, text.Length / 5));
        Tokenize(text, ref tokens);
        return tokens.ToArray();
    }

    internal void Tokenize(string text, ref TokenBuffer tokens)
    {
        ReadOnlySpan<char> s = text;
        int n = s.Length;
        int i = 0;
        while (i < n)
        {
            char c = s[i];
            if (IsSpace(c))
            {
                tokens.MarkSpaceAfter();
                i++;
                continue;
            }
            int start = i;
            int end;
            TokenKind kind;
            TokenFlags flags = TokenFlags.None;

            if (IsWordChar(c) || (char.IsHighSurrogate(c) && IsSurrogateLetter(s, i)))
            {
                if (IsUrlStart(s, i) && TryUrl(s, i, out end))
                {
                    kind = TokenKind.Url;
                }
                else
                {
                    (end, kind, flags) = ScanWord(text, i, ref tokens);
                }
            }
            else if (char.IsHighSurrogate(c) || IsEmojiPrefix(c))
            {
                end = ScanSymbolCluster(s, i);
                kind = TokenKind.Symbol;
            }
            else
            {
                (end, kind) = ScanPunctuation(s, i, tokens.Count > 0 && tokens.Last.End == i);
            }

            if (end <= start)
            {
                end = start + 1; // never stall, whatever the input
                kind = TokenKind.Other;
            }
            if (kind is TokenKind.Word or TokenKind.Abbreviation && char.IsUpper(c))
            {
                flags |= TokenFlags.Capitalized;
            }
            tokens.Add(new TokenInfo(start, end, kind, flags));
            i = end;
        }
    }

    private (int End, TokenKind Kind, TokenFlags Flags) ScanWord(string text, int start, ref TokenBuffer tokens)
    {
        ReadOnlySpan<char> s = text;
        int n = s.Length;
        int j = start;
        bool allDigits = true;
        bool hasAt = false;
        TokenFlags flags = TokenFlags.None;
        while (j < n)
        {
            char c = s[j];
            if (IsWordChar(c))
            {
                if (allDigits && !char.IsAsciiDigit(c))
                {
                    allDigits = false;
                }
                j++;
                continue;
            }
            if (char.IsHighSurrogate(c) && IsSurrogateLetter(s, j))
            {
                allDigits = false;
                j += 2;
                continue;
            }
            if (IsInWordFormat(c) && j + 1 < n && IsWordChar(s[j + 1]))
            {
                j++; // soft hyphen, zero-width joiners and the like inside a word
                continue;
            }
            char next = j + 1 < n ? s[j + 1] : '\0';
            char prev = s[j - 1];
            if (IsHyphen(c))
            {
                if (IsWordChar(next))
                {
                    allDigits = false;
                    j++;
                    continue;
                }
                if (char.IsLetter(prev) && IsTruncationContext(s, j + 1))
                {
                    j++;
                    flags |= TokenFlags.Truncated;
                    allDigits = false;
                    break;
                }
                break;
            }
            if ((c is '.' or ',' or ':' or '/') && char.IsAsciiDigit(prev) && char.IsAsciiDigit(next) && OnlyDigitsAndSeparatorsSince(s, start, j))
            {
                j++; // 13.700, 1,5, 14:30, 2001/2002, 24.02.2022
                continue;
            }
            if ((c == '\'' || c == '’') && char.IsLetter(prev) && char.IsLetter(next))
            {
                j++; // Moody's, geht's
                allDigits = false;
                continue;
            }
            if (c == '@' && !hasAt && IsWordChar(next))
            {
                if (TryEmail(s, start, out int emailEnd))
                {
                    return (emailEnd, TokenKind.Email, TokenFlags.None);
                }
                break;
            }
            if (c == '.')
            {
                if (char.IsLetter(next) || char.IsAsciiDigit(next))
                {
                    // "z.B.", "u.a." and e-mail addresses with dots before the @
                    if (TryDottedAbbreviation(s, start, out int abbrEnd))
                    {
                        return (abbrEnd, TokenKind.Abbreviation, TokenFlags.None);
                    }
                    if (TryEmail(s, start, out int emailEnd))
                    {
                        return (emailEnd, TokenKind.Email, TokenFlags.None);
                    }
                    break;
                }
                return DecideFullStop(text, start, j, allDigits, ref tokens);
            }
            break;
        }
        return (j, allDigits ? TokenKind.Number : TokenKind.Word, flags);
    }

    /// <summary>The word <c>[start, dot)</c> is followed by a full stop: does the stop belong to it?</summary>
    private (int End, TokenKind Kind, TokenFlags Flags) DecideFullStop(string text, int start, int dot, bool allDigits, ref TokenBuffer tokens)
    {
        ReadOnlySpan<char> s = text;
        var withDot = s[start..(dot + 1)];
        if (allDigits)
        {
            return IsOrdinal(text, start, dot, ref tokens)
                ? (dot + 1, TokenKind.Ordinal, TokenFlags.None)
                : (dot, TokenKind.Number, TokenFlags.None);
        }
        if (withDot.Length <= _data.MaxAbbreviationLength && _data.AbbreviationLookup.TryGetValue(withDot, out var cls))
        {
            if (cls != AbbreviationClass.BeforeNumber || NextWordStartsWithDigit(s, dot + 1))
            {
                return (dot + 1, TokenKind.Abbreviation, TokenFlags.None);
            }
        }
        var word = s[start..dot];
        // An initial: "Jens S. Müller", "George W. Bush".
        if (word.Length == 1 && char.IsUpper(word[0]) && NextWordIsCapitalized(s, dot + 1) && PreviousTokenIsCapitalizedWord(text, ref tokens))
        {
            return (dot + 1, TokenKind.Abbreviation, TokenFlags.None);
        }
        // Roman numerals as ordinals before a lower-case word: "Wilhelm II. war".
        if (IsRomanNumeral(word) && NextWordIsLowercase(s, dot + 1))
        {
            return (dot + 1, TokenKind.Ordinal, TokenFlags.None);
        }
        return (dot, TokenKind.Word, TokenFlags.None);
    }

    private bool IsOrdinal(string text, int start, int dot, ref TokenBuffer tokens)
    {
        ReadOnlySpan<char> s = text;
        int k = dot + 1;
        int n = s.Length;
        int newlines = 0;
        while (k < n && IsSpace(s[k]))
        {
            if (s[k] == '\n' && ++newlines > 1)
            {
                return false; // the paragraph ends here
            }
            k++;
        }
        if (k == dot + 1 || k >= n)
        {
            return false; // "24.Februar" or the end of the text
        }
        if (dot - start > 4)
        {
            return false; // 12345. is no ordinal
        }
        char c = s[k];
        int wEnd = k;
        while (wEnd < n && (char.IsLetter(s[wEnd]) || s[wEnd] == '.') && wEnd - k < 16)
        {
            wEnd++;
        }
        var next = s[k..wEnd];
        if (next.Length > 0 && next[^1] == '.' && !_data.MonthLookup.Contains(next))
        {
            next = next[..^1];
        }
        if (next.Length > 0 && _data.MonthLookup.Contains(next))
        {
            return true;
        }
        if (char.IsAsciiDigit(c))
        {
            return true; // enumerations "1. 2. 3." and dates "24. 2. 2022"
        }
        if (char.IsLower(c))
        {
            return true; // "am 3. und 4. Mai"
        }
        if (char.IsUpper(c) && tokens.Count > 0)
        {
            var prev = tokens.Last;
            return prev.Kind == TokenKind.Word && _data.OrdinalDeterminerLookup.Contains(text.AsSpan(prev.Start, prev.Length));
        }
        return false;
    }

    private bool TryDottedAbbreviation(ReadOnlySpan<char> s, int start, out int end)
    {
        // Longest run of (letters{1,5} '.') from start, checked against the list from the longest candidate down.
        end = start;
        int j = start;
        int n = s.Length;
        Span<int> ends = stackalloc int[8];
        int count = 0;
        while (j < n && count < ends.Length)
        {
            int segStart = j;
            while (j < n && char.IsLetter(s[j]) && j - segStart < 6)
            {
                j++;
            }
            if (j == segStart || j >= n || s[j] != '.')
            {
                break;
            }
            j++;
            ends[count++] = j;
            if (j - start > _data.MaxAbbreviationLength)
            {
                break;
            }
        }
        for (int c = count - 1; c >= 1; c--)
        {
            int e = ends[c];
            if (e - start <= _data.MaxAbbreviationLength && _data.AbbreviationLookup.ContainsKey(s[start..e]) && (e >= n || !char.IsLetterOrDigit(s[e])))
            {
                end = e;
                return true;
            }
        }
        // Initialisms written with full stops: "U.S.", "U.S.A.".
        if (count >= 2)
        {
            int e = ends[count - 1];
            bool singles = true;
            int prevEnd = start;
            for (int c = 0; c < count; c++)
            {
                if (ends[c] - prevEnd != 2 || !char.IsUpper(s[prevEnd]))
                {
                    singles = false;
                    break;
                }
                prevEnd = ends[c];
            }
            if (singles && (e >= n || !char.IsLetterOrDigit(s[e])))
            {
                end = e;
                return true;
            }
        }
        return false;
    }

    private static bool TryEmail(ReadOnlySpan<char> s, int start, out int end)
    {
        end = start;
        int n = s.Length;
        int j = start;
        int limit = Math.Min(n, start + 254);
        while (j < limit && (char.IsLetterOrDigit(s[j]) || s[j] is '.' or '_' or '+' or '-' or '%'))
        {
            j++;
        }
        if (j >= limit || s[j] != '@' || j == start)
        {
            return false;
        }
        j++;
        int domainStart = j;
        int lastDot = -1;
        while (j < limit && (char.IsLetterOrDigit(s[j]) || s[j] is '-' or '.'))
        {
            if (s[j] == '.')
            {
                if (j + 1 >= n || !char.IsLetterOrDigit(s[j + 1]))
                {
                    break;
                }
                lastDot = j;
            }
            j++;
        }
        if (lastDot < domainStart || j - lastDot < 3)
        {
            return false;
        }
        end = j;
        return true;
    }

    private static bool IsUrlStart(ReadOnlySpan<char> s, int i)
    {
        var rest = s[i..];
        return rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryUrl(ReadOnlySpan<char> s, int start, out int end)
    {
        int stop = s[start..].IndexOfAny(s_urlStop);
        end = stop < 0 ? s.Length : start + stop;
        // Trailing punctuation belongs to the sentence, unless a bracket closes one the URL opened.
        while (end > start && s_trailingUrlPunct.Contains(s[end - 1]))
        {
            if (s[end - 1] == ')' && s[start..(end - 1)].Contains('('))
            {
                break;
            }
            end--;
        }
        var url = s[start..end];
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        int bodyStart = scheme >= 0 ? scheme + 3 : 4;
        return end - start > bodyStart + 1 && url[bodyStart..].IndexOfAny('.', '/') >= 0;
    }

    private static (int End, TokenKind Kind) ScanPunctuation(ReadOnlySpan<char> s, int i, bool attachedToPrevious)
    {
        char c = s[i];
        int n = s.Length;
        switch (c)
        {
            case '.':
            {
                int j = i + 1;
                while (j < n && s[j] == '.')
                {
                    j++;
                }
                return (j, TokenKind.Punctuation);
            }
            case '!' or '?':
            {
                int j = i + 1;
                while (j < n && s[j] is '!' or '?')
                {
                    j++;
                }
                return (j, TokenKind.Punctuation);
            }
            case '-' when i + 1 < n && s[i + 1] == '-':
            {
                int j = i + 2;
                while (j < n && s[j] == '-')
                {
                    j++;
                }
                return (j, TokenKind.Punctuation);
            }
            case '„' or '‚':
                return (i + 1, TokenKind.OpeningQuote);
            case '«' or '»' or '"' or '“' or '”' or '‘' or '’' or '‹' or '›' or '\'':
                return (i + 1, QuoteDirection(s, i, attachedToPrevious));
        }
        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        var kind = cat switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => TokenKind.Other,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => TokenKind.Symbol,
            _ => TokenKind.Punctuation,
        };
        int end = i + 1;
        // Combining marks and variation selectors stay with the character they modify.
        while (end < n && IsCombining(s[end]))
        {
            end++;
        }
        return (end, kind);
    }

    /// <summary>Opening or closing, from the spacing around the mark, falling back on the mark's usual role.</summary>
    private static TokenKind QuoteDirection(ReadOnlySpan<char> s, int i, bool attachedToPrevious)
    {
        char c = s[i];
        bool spaceBefore = i == 0 || IsSpace(s[i - 1]) || s[i - 1] is '(' or '[' or '„' or '«' or '»' or '‚' or '"' or '—' or '–' or '/';
        bool spaceAfter = i + 1 >= s.Length || IsSpace(s[i + 1]);
        bool punctAfter = !spaceAfter && s[i + 1] is ',' or '.' or ';' or ':' or '!' or '?' or ')' or ']' or '-' or '–' or '—' or '«' or '»' or '“' or '”' or '"' or '\'' or '‘' or '’';
        if (spaceBefore && !spaceAfter && !punctAfter)
        {
            return TokenKind.OpeningQuote;
        }
        if (!spaceBefore && (spaceAfter || punctAfter))
        {
            return TokenKind.ClosingQuote;
        }
        if (attachedToPrevious && !spaceBefore)
        {
            return TokenKind.ClosingQuote;
        }
        return c switch
        {
            '„' or '‚' => TokenKind.OpeningQuote,
            _ => TokenKind.AmbiguousQuote,
        };
    }

    private static int ScanSymbolCluster(ReadOnlySpan<char> s, int i)
    {
        int n = s.Length;
        int j = i;
        j += char.IsHighSurrogate(s[j]) && j + 1 < n && char.IsLowSurrogate(s[j + 1]) ? 2 : 1;
        while (j < n)
        {
            char c = s[j];
            if (c == '\u200D' && j + 1 < n)
            {
                // zero-width joiner: the next character belongs to the same emoji
                j++;
                j += char.IsHighSurrogate(s[j]) && j + 1 < n && char.IsLowSurrogate(s[j + 1]) ? 2 : 1;
                continue;
            }
            if (IsCombining(c))
            {
                j++;
                continue;
            }
            if (c == '\uD83C' && j + 1 < n && s[j + 1] is >= '\uDFFB' and <= '\uDFFF')
            {
                j += 2; // skin-tone modifier
                continue;
            }
            break;
        }
        return j;
    }

    private static bool IsSurrogateLetter(ReadOnlySpan<char> s, int i)
    {
        if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
        {
            return false;
        }
        var cat = CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(s[i], s[i + 1]));
        return cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.DecimalDigitNumber;
    }

    private static bool IsEmojiPrefix(char c) => c is >= '\u2600' and <= '\u27BF';

    private static bool IsCombining(char c)
    {
        if (c < '\u0300')
        {
            return false;
        }
        if (c is '\uFE0F' or '\uFE0E' or '\u20E3')
        {
            return true;
        }
        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        return cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }

    private static bool IsInWordFormat(char c) => c is '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060';

    private static bool OnlyDigitsAndSeparatorsSince(ReadOnlySpan<char> s, int start, int j)
    {
        foreach (char c in s[start..j])
        {
            if (!char.IsAsciiDigit(c) && c is not ('.' or ',' or ':' or '/'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>After "Staats-": whitespace, then a conjunction or a comma ("Staats- und Regierungschefs").</summary>
    private static bool IsTruncationContext(ReadOnlySpan<char> s, int k)
    {
        int n = s.Length;
        if (k < n && s[k] == ',')
        {
            return true;
        }
        if (k >= n || !IsSpace(s[k]))
        {
            return false;
        }
        while (k < n && IsSpace(s[k]))
        {
            k++;
        }
        var rest = s[k..];
        return StartsWithWord(rest, "und") || StartsWithWord(rest, "oder") || StartsWithWord(rest, "bzw.")
            || StartsWithWord(rest, "sowie") || StartsWithWord(rest, "als") || StartsWithWord(rest, "bis")
            || StartsWithWord(rest, "wie") || StartsWithWord(rest, "noch") || StartsWithWord(rest, "&");
    }

    private static bool StartsWithWord(ReadOnlySpan<char> s, string word)
        => s.StartsWith(word, StringComparison.Ordinal) && (s.Length == word.Length || !char.IsLetter(s[word.Length]));

    private static bool NextWordStartsWithDigit(ReadOnlySpan<char> s, int k)
    {
        k = SkipSpaces(s, k);
        return k < s.Length && char.IsAsciiDigit(s[k]);
    }

    private static bool NextWordIsCapitalized(ReadOnlySpan<char> s, int k)
    {
        int j = SkipSpaces(s, k);
        return j > k && j < s.Length && char.IsUpper(s[j]);
    }

    private static bool NextWordIsLowercase(ReadOnlySpan<char> s, int k)
    {
        int j = SkipSpaces(s, k);
        return j > k && j < s.Length && char.IsLower(s[j]);
    }

    private static int SkipSpaces(ReadOnlySpan<char> s, int k)
    {
        int limit = Math.Min(s.Length, k + 64);
        while (k < limit && IsSpace(s[k]))
        {
            k++;
        }
        return k;
    }

    private static bool PreviousTokenIsCapitalizedWord(string text, ref TokenBuffer tokens)
    {
        if (tokens.Count == 0)
        {
            return false;
        }
        var t = tokens.Last;
        return t.Kind is TokenKind.Word or TokenKind.Abbreviation && char.IsUpper(text[t.Start]);
    }

    private static bool IsRomanNumeral(ReadOnlySpan<char> w)
    {
        if (w.Length is 0 or > 6)
        {
            return false;
        }
        foreach (char c in w)
        {
            if (c is not ('I' or 'V' or 'X' or 'L' or 'C' or 'D' or 'M'))
            {
                return false;
            }
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsSpace(char c) => c == ' ' || (c <= '\r' && c >= '\t') || (c > '\u007F' && char.IsWhiteSpace(c));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c)
    {
        if (c < '\u0080')
        {
            return char.IsAsciiLetterOrDigit(c);
        }
        if (char.IsLetterOrDigit(c))
        {
            return true;
        }
        return IsCombining(c);
    }

    private static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';
}

/// <summary>A growable array of tokens that hands its storage over without copying when it can.</summary>
internal struct TokenBuffer
{
    private TokenInfo[] _items;
    private int _count;

    public TokenBuffer(int capacity)
    {
        _items = new TokenInfo[capacity];
        _count = 0;
    }

    public readonly int Count => _count;

    public readonly TokenInfo Last => _items[_count - 1];

    public void Add(TokenInfo token)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        _items[_count++] = token;
    }

    public readonly void MarkSpaceAfter()
    {
        if (_count > 0)
        {
            ref var t = ref _items[_count - 1];
            if ((t.Flags & TokenFlags.SpaceAfter) == 0)
            {
                t = t with { Flags = t.Flags | TokenFlags.SpaceAfter };
            }
        }
    }

    public readonly TokenInfo[] ToArray()
    {
        if (_count == _items.Length)
        {
            return _items;
        }
        return _items.AsSpan(0, _count).ToArray();
    }
}
