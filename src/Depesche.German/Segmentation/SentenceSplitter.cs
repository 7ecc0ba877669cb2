using System.Collections.Immutable;
using Depesche.Model;

namespace Depesche.German.Segmentation;

/// <summary>
/// Groups tokens into sentences, paragraph by paragraph. A sentence ends at a full stop, question
/// or exclamation mark (with the closing quotes and brackets that follow it) when the next token
/// can start a sentence; <c>«…», sagte er.</c> stays one sentence. Sentences never cross paragraphs
/// and never include the header line or the dateline.
/// </summary>
public sealed class SentenceSplitter
{
    /// <summary>Sentences longer than this are cut, so that no later stage meets an unbounded one.</summary>
    public const int MaxSentenceTokens = 1000;

    private readonly SegmenterData _data;

    public SentenceSplitter(SegmenterData? data = null)
    {
        _data = data ?? SegmenterData.Default;
    }

    public ImmutableArray<Sentence> Split(string text, ImmutableArray<TokenInfo> tokens, ImmutableArray<Paragraph> paragraphs, int bodyStart)
    {
        var sentences = ImmutableArray.CreateBuilder<Sentence>();
        int t = 0;
        for (int p = 0; p < paragraphs.Length; p++)
        {
            var para = paragraphs[p];
            int from = Math.Max(para.Start, bodyStart);
            while (t < tokens.Length && tokens[t].Start < from)
            {
                t++;
            }
            int first = t;
            while (t < tokens.Length && tokens[t].End <= para.End)
            {
                t++;
            }
            if (t > first)
            {
                SplitParagraph(text, tokens, first, t, p, sentences);
            }
        }
        return sentences.ToImmutable();
    }

    private void SplitParagraph(string text, ImmutableArray<TokenInfo> tokens, int first, int end, int paragraph, ImmutableArray<Sentence>.Builder sentences)
    {
        int start = first;
        int i = first;
        while (i < end)
        {
            var tok = tokens[i];
            if (IsTerminal(text, tok))
            {
                int j = i + 1;
                while (j < end && IsCloser(text, tokens[j], tokens[j - 1]))
                {
                    j++;
                }
                if (j < end && StartsSentence(text, tokens[j], tokens[j - 1], tok))
                {
                    Emit(tokens, start, j, paragraph, sentences);
                    start = j;
                }
                i = j;
                continue;
            }
            if (i - start + 1 >= MaxSentenceTokens)
            {
                Emit(tokens, start, i + 1, paragraph, sentences);
                start = i + 1;
            }
            i++;
        }
        if (start < end)
        {
            Emit(tokens, start, end, paragraph, sentences);
        }
    }

    private static void Emit(ImmutableArray<TokenInfo> tokens, int from, int to, int paragraph, ImmutableArray<Sentence>.Builder sentences)
        => sentences.Add(new Sentence(tokens[from].Start, tokens[to - 1].End, from, to - from, paragraph));

    private bool IsTerminal(string text, TokenInfo tok)
    {
        if (tok.Kind == TokenKind.Punctuation)
        {
            char c = text[tok.Start];
            return c is '.' or '!' or '?' or '…';
        }
        if (tok.Kind == TokenKind.Abbreviation)
        {
            // "usw." may end a sentence; titles and "z.B." never do.
            return _data.AbbreviationLookup.TryGetValue(tok.Slice(text), out var cls) && cls == AbbreviationClass.Final;
        }
        return false;
    }

    /// <summary>Closing quotes and brackets after a terminal belong to the sentence it ends.</summary>
    private static bool IsCloser(string text, TokenInfo tok, TokenInfo prev)
    {
        if (tok.Kind == TokenKind.ClosingQuote)
        {
            return true;
        }
        if (tok.Kind == TokenKind.AmbiguousQuote && prev.End == tok.Start)
        {
            return true; // a straight quote glued to the stop closes: "…Verbündeten."
        }
        return tok.Kind == TokenKind.Punctuation && tok.Start == prev.End && text[tok.Start] is ')' or ']';
    }

    private static bool StartsSentence(string text, TokenInfo next, TokenInfo prev, TokenInfo terminal)
    {
        if (next.Start == prev.End && prev.Kind != TokenKind.ClosingQuote)
        {
            return false; // no space after the stop: "3.Liga", "Nato.Die" is left alone
        }
        char c = text[next.Start];
        switch (next.Kind)
        {
            case TokenKind.Word or TokenKind.Abbreviation:
                return char.IsUpper(c) || !char.IsLetter(c);
            case TokenKind.Number or TokenKind.Ordinal:
                return true;
            case TokenKind.OpeningQuote or TokenKind.AmbiguousQuote:
                return true;
            case TokenKind.Punctuation:
                return c is '(' or '[' or '¿' or '¡';
            case TokenKind.Symbol or TokenKind.Url or TokenKind.Email:
                return terminal.Kind == TokenKind.Punctuation;
            default:
                return false;
        }
    }
}
