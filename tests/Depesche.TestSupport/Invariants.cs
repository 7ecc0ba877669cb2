using Depesche.Model;
using Depesche.Processing;
using Xunit;

namespace Depesche.Tests;

/// <summary>
/// What must hold for every document any test touches: tokens rebuild the text exactly, the first token
/// of every sentence (and only those) is marked as a sentence start, and every span of every layer
/// (relation evidence included) lies on token boundaries.
/// </summary>
public static class Invariants
{
    public static void Check(Document doc)
    {
        string text = doc.Text;
        var tokens = doc.Tokens;
        int pos = 0;
        var starts = new HashSet<int>();
        var ends = new HashSet<int>();
        for (int i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            Assert.True(t.Start >= pos, $"token {i} {t.Range} overlaps or precedes the previous token");
            Assert.True(t.End > t.Start, $"token {i} is empty");
            Assert.True(t.End <= text.Length, $"token {i} ends past the text");
            for (int k = pos; k < t.Start; k++)
            {
                Assert.True(char.IsWhiteSpace(text[k]), $"character {k} (U+{(int)text[k]:X4}) lies between tokens but is not whitespace");
            }
            bool gapAfter = t.End < text.Length && char.IsWhiteSpace(text[t.End]);
            Assert.True(gapAfter == t.SpaceAfter || (i == tokens.Length - 1 && !gapAfter), $"token {i} SpaceAfter={t.SpaceAfter} but whitespace follows: {gapAfter}");
            Assert.False(char.IsLowSurrogate(text[t.Start]), $"token {i} starts inside a surrogate pair");
            Assert.False(char.IsHighSurrogate(text[t.End - 1]) && t.End < text.Length && char.IsLowSurrogate(text[t.End]), $"token {i} ends inside a surrogate pair");
            starts.Add(t.Start);
            ends.Add(t.End);
            pos = t.End;
        }
        for (int k = pos; k < text.Length; k++)
        {
            Assert.True(char.IsWhiteSpace(text[k]), $"character {k} after the last token is not whitespace");
        }

        var paragraphs = doc.Paragraphs;
        for (int p = 0; p < paragraphs.Length; p++)
        {
            var para = paragraphs[p];
            Assert.True(para.End > para.Start, $"paragraph {p} is empty");
            if (p > 0)
            {
                Assert.True(para.Start >= paragraphs[p - 1].End, $"paragraph {p} overlaps the previous one");
            }
        }

        int bodyStart = doc.TryGet(Layers.Header, out var header) ? header.BodyStart : 0;
        var sentences = doc.Sentences;
        int lastEnd = 0;
        for (int s = 0; s < sentences.Length; s++)
        {
            var sent = sentences[s];
            Assert.Contains(sent.Start, starts);
            Assert.Contains(sent.End, ends);
            Assert.True(sent.Start >= lastEnd, $"sentence {s} overlaps the previous one");
            Assert.True(sent.Start >= bodyStart, $"sentence {s} starts before the body (header line or dateline)");
            Assert.Equal(tokens[sent.FirstToken].Start, sent.Start);
            Assert.True(tokens[sent.FirstToken].Flags.HasFlag(TokenFlags.SentenceStart), $"the first token of sentence {s} is not marked as a sentence start");
            Assert.Equal(tokens[sent.EndToken - 1].End, sent.End);
            var para = paragraphs[sent.Paragraph];
            Assert.True(para.Range.Contains(sent.Range), $"sentence {s} is not inside its paragraph {sent.Paragraph}");
            lastEnd = sent.End;
        }
        int marked = 0;
        foreach (var t in tokens)
        {
            marked += t.Flags.HasFlag(TokenFlags.SentenceStart) ? 1 : 0;
        }
        Assert.True(marked == sentences.Length || !doc.Has(Layers.Sentences), $"{marked} tokens are marked as sentence starts, but there are {sentences.Length} sentences");

        if (header?.Dateline is { } dl)
        {
            Assert.True(dl.Range.End <= text.Length && dl.PlaceRange.Start == dl.Range.Start);
        }
        foreach (var range in AllRanges(doc))
        {
            Assert.True(range.Start >= 0 && range.End <= text.Length && range.Start <= range.End, $"range {range} is outside the text");
            Assert.Contains(range.Start, starts);
            Assert.Contains(range.End, ends);
        }
    }

    private static IEnumerable<TextRange> AllRanges(Document doc)
    {
        foreach (var e in doc.GetOrEmpty(Layers.Entities))
        {
            foreach (var m in e.Mentions)
            {
                yield return m.Range;
            }
        }
        foreach (var q in doc.GetOrEmpty(Layers.Quotes))
        {
            yield return q.Content;
            if (q.Speaker is { } sp) yield return sp.Range;
            if (q.Cue is { } cue) yield return cue.Range;
            if (q.Addressee is { } ad) yield return ad.Range;
        }
        foreach (var q in doc.GetOrEmpty(Layers.Quantities))
        {
            yield return q.Range;
        }
        foreach (var t in doc.GetOrEmpty(Layers.Times))
        {
            yield return t.Range;
        }
        foreach (var r in doc.GetOrEmpty(Layers.Relations))
        {
            Assert.True(r.Evidence.End > r.Evidence.Start, $"relation {r.Type} has empty evidence");
            yield return r.Evidence;
        }
        foreach (var e in doc.GetOrEmpty(Layers.Events))
        {
            yield return e.Trigger;
            foreach (var role in new[] { e.Actor, e.Target, e.Location })
            {
                if (role is { Origin: ArgumentOrigin.Unknown })
                {
                    // nobody named: an empty range at the trigger, no entity
                    Assert.True(role.Range.Start == role.Range.End && role.Range.Start == e.Trigger.Start && role.Entity is null, $"unknown role {role} is not empty at the trigger");
                }
                else if (role is not null)
                {
                    Assert.True(role.Range.End > role.Range.Start, $"role {role} of event at {e.Trigger} is empty");
                    yield return role.Range;
                }
            }
        }
    }
}
