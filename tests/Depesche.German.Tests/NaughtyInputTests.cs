using System.Buffers;
using System.Text;
using System.Text.Json;
using Depesche.German;
using Depesche.Model;
using Depesche.Processing;
using Depesche.Output;

namespace Depesche.Tests;

/// <summary>Pathological inputs: no crash, no hang, invariants intact and offsets in code points.</summary>
public class NaughtyInputTests
{
    public static TheoryData<string, string> Inputs() => new()
    {
        { "empty", "" },
        { "whitespace only", " \t\r\n\n\u00A0\u2003 \n" },
        { "unmatched quotes", "«Wir kommen, sagte er. „Und dann? »Nie« „ \" ' ‚ ‘ ’" },
        { "control characters", "A\u0001B\u0007 C\u001B[31m rot \u007F.\u0085Neu\u200Bwort\u00AD" },
        { "emoji and astral letters", "😀 Nato 👍🏽 sagte 𝔘𝔨𝔯𝔞𝔦𝔫𝔢: «𝄞 Musik» 👨‍👩‍👧. Dann 🇩🇪 kam." },
        { "lone surrogates", "A\uD800B \uDC00 C\uD83D." },
        { "only punctuation", ".....!!!???,,,;;;---–––———«»„“" },
        { "dateline only", "Berlin (dpa) - " },
        { "header only", " date 2022-02 " },
        { "combining marks", "Cafe\u0301 \u0301 n\u0303o." },
        { "right to left", "قال الأمين العام «نعم». שלום." },
        { "long number", string.Concat(Enumerable.Repeat("1.000", 2000)) + "." },
        { "many dots", string.Concat(Enumerable.Repeat("a.", 5000)) },
        { "url soup", "http:// https://. www. www.x http://a.b/c) (http://a.b/(c)) ftp://x.y." },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Survives(string name, string text)
    {
        _ = name;
        var doc = TestPipeline.Run(text);
        CheckJsonOffsets(doc);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Survives_every_stage(string name, string text)
    {
        _ = name;
        var doc = GermanPipeline.Create(Stage.Events).Process(new Document(text, "test", "test"));
        Invariants.Check(doc);
        CheckJsonOffsets(doc);
    }

    [Fact]
    public void A_long_line_read_by_every_stage_is_read_the_same_all_along()
    {
        // 60,000 words without a line break: every repetition states its event and its quotation, the last as the first
        // (the readers look up positions by search, so the work grows with the length, not its square)
        var sb = new StringBuilder();
        const int repetitions = 5000;
        for (int i = 0; i < repetitions; i++)
        {
            sb.Append("Die Nato schickt rund 13.700 Soldaten an die Ostflanke, sagte er. ");
        }
        var doc = GermanPipeline.Create(Stage.Events).Process(new Document(sb.ToString(), "test", "test"));
        Invariants.Check(doc);
        var events = doc.GetOrEmpty(Layers.Events);
        var quotes = doc.GetOrEmpty(Layers.Quotes);
        Assert.Equal(repetitions, events.Count(e => e.Type == "MOBILIZE"));
        Assert.Equal(repetitions, quotes.Length);
        Assert.Equal(doc.TextOf(events[0].Actor!.Range), doc.TextOf(events[^1].Actor!.Range));
        Assert.Equal(doc.Sentences.Length - 1, events[^1].Sentence);
    }

    [Fact]
    public void One_enormous_line_of_20_megabytes()
    {
        var sb = new StringBuilder(20_000_100);
        string[] words = ["Die", "Nato", "schickt", "rund", "13.700", "Soldaten", "an", "die", "Ostflanke,", "sagte", "er", "😀"];
        int i = 0;
        while (sb.Length < 20_000_000)
        {
            sb.Append(words[i++ % words.Length]).Append(' ');
        }
        var doc = TestPipeline.Run(sb.ToString());
        Assert.True(doc.Tokens.Length > 2_000_000);
        Assert.True(doc.Sentences.Length > 2000, "a sentence without end is cut into bounded pieces");
    }

    [Fact]
    public void Ten_thousand_paragraphs()
    {
        var sb = new StringBuilder();
        for (int p = 0; p < 10_000; p++)
        {
            sb.Append(p % 7 == 0 ? "Zwischentitel ohne Punkt" : $"Absatz {p} hat «Text». Und noch einen Satz am {p % 28 + 1}. Mai.").Append("\n\n");
        }
        var doc = TestPipeline.Run(sb.ToString());
        Assert.Equal(10_000, doc.Paragraphs.Length);
        CheckJsonOffsets(doc);
    }

    /// <summary>Serialises the document and checks every span against the text in code points.</summary>
    internal static void CheckJsonOffsets(Document doc)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, DocumentJsonWriter.WriterOptions(false)))
        {
            DocumentJsonWriter.Write(w, doc, new JsonWriteOptions { IncludeTokens = true });
        }
        using var json = JsonDocument.Parse(buffer.WrittenMemory);
        string text = json.RootElement.GetProperty("text").GetString()!;
        Assert.Equal(doc.Text, text);
        var codePoints = new List<string>();
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoints.Add(text.Substring(i++, 2));
            }
            else
            {
                codePoints.Add(text[i].ToString());
            }
        }
        int checkedSpans = 0;
        foreach (var t in json.RootElement.GetProperty("tokens").EnumerateArray())
        {
            int start = t.GetProperty("start").GetInt32();
            int end = t.GetProperty("end").GetInt32();
            Assert.Equal(t.GetProperty("text").GetString(), string.Concat(codePoints.GetRange(start, end - start)));
            checkedSpans++;
        }
        Assert.Equal(doc.Tokens.Length, checkedSpans);
    }
}
