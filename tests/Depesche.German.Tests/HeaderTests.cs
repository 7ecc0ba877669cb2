using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests;

public class HeaderTests
{
    [Theory]
    [InlineData("Brüssel (dpa) - Die Nato tagt.", "Brüssel", "dpa", "Brüssel (dpa) -")]
    [InlineData("Berlin (dpa/AFP) – Der Bundestag tagt.", "Berlin", "dpa/AFP", "Berlin (dpa/AFP) –")]
    [InlineData("Rom/Brüssel (AFP) — Italien hilft.", "Rom/Brüssel", "AFP", "Rom/Brüssel (AFP) —")]
    [InlineData("WASHINGTON (AP) - Der Präsident spricht.", "WASHINGTON", "AP", "WASHINGTON (AP) -")]
    [InlineData("Den Haag (dpa) - Das Gericht urteilt.", "Den Haag", "dpa", "Den Haag (dpa) -")]
    [InlineData("St. Petersburg (Reuters) - Es schneit.", "St. Petersburg", "Reuters", "St. Petersburg (Reuters) -")]
    [InlineData("Wien – Die Regierung tagt.", "Wien", null, "Wien –")]
    [InlineData("Berlin, 3. März 2022 (KNA) - Der Bundestag tagt.", "Berlin", "KNA", "Berlin, 3. März 2022 (KNA) -")]
    [InlineData("Bonn, 03.03.2022 (epd) - Die Synode tagt.", "Bonn", "epd", "Bonn, 03.03.2022 (epd) -")]
    [InlineData("Berlin, 3. März (dpa) - Der Bundestag tagt.", "Berlin", "dpa", "Berlin, 3. März (dpa) -")]
    public void Datelines_are_read(string text, string place, string? agency, string range)
    {
        var doc = TestPipeline.Run(text);
        var dl = doc.Get(Layers.Header).Dateline;
        Assert.NotNull(dl);
        Assert.Equal(place, dl.Place);
        Assert.Equal(agency, dl.Agency);
        Assert.Equal(range, doc.TextOf(dl.Range));
        Assert.DoesNotContain(place, TestPipeline.SentenceTexts(doc)[0]);
    }

    [Theory]
    [InlineData("Die Nato-Staaten - alle - stimmen zu.")]
    [InlineData("Nato-Staaten stimmen zu.")]
    [InlineData("Sie sagte - leise - nein.")]
    [InlineData("Berlin ist groß - und laut.")]
    [InlineData("Berlin, 3. März - Der Bundestag tagt.")] // a dated dateline names its agency
    [InlineData("Berlin, Hamburg und München - alle wachsen.")]
    public void Ordinary_sentences_are_no_datelines(string text)
    {
        Assert.Null(TestPipeline.Run(text).Get(Layers.Header).Dateline);
    }

    [Theory]
    [InlineData("Berlin, 3. März 2022 (KNA) - Am Dienstag tagte der Bundestag.", "2022-03-03")]
    [InlineData("Bonn, 03.03.2022 (epd) - Am Dienstag tagte die Synode.", "2022-03-03")]
    [InlineData(" date 2021-05 Berlin, 3. März 2022 (KNA) - Am Dienstag tagte der Bundestag.", "2021-05")] // the header line wins
    [InlineData("Berlin, 3. März (dpa) - Am Dienstag tagte der Bundestag.", null)] // no year: no date
    public void A_dated_dateline_gives_the_report_its_date(string text, string? expected)
    {
        var doc = TestPipeline.Run(text);
        Assert.Equal(expected, doc.Get(Layers.Header).Date?.ToString());
    }

    [Fact]
    public void The_header_line_is_read_and_belongs_to_no_sentence()
    {
        var doc = TestPipeline.Run(" date 2022-02 Brüssel (dpa) - Die Nato tagt. Sie berät.");
        var header = doc.Get(Layers.Header);
        Assert.Equal("2022-02", header.Date.ToString());
        Assert.Equal("date 2022-02", doc.TextOf(header.HeaderLine!.Value));
        Assert.Equal("2022-02", doc.TextOf(header.DateRange!.Value));
        Assert.Equal(["Die Nato tagt.", "Sie berät."], TestPipeline.SentenceTexts(doc));
        Assert.Equal("2022-02", doc.ReferenceDate.ToString());
    }

    [Fact]
    public void A_header_line_on_its_own_line_is_no_paragraph()
    {
        var doc = TestPipeline.Run("date 2022-02-25\nBerlin (dpa) - Text.\n\nMehr Text.");
        Assert.Equal("2022-02-25", doc.Get(Layers.Header).Date.ToString());
        Assert.Equal(2, doc.Paragraphs.Length);
        Assert.StartsWith("Berlin", doc.TextOf(doc.Paragraphs[0].Range));
    }

    [Fact]
    public void Headings_are_short_lines_between_paragraphs_without_sentence_punctuation()
    {
        var doc = TestPipeline.Run("Titel der Meldung\n\nBerlin (dpa) - Erster Satz.\n\nZwischentitel: Mehr dazu\n\nZweiter Absatz.\n\nNoch ein Absatz.");
        Assert.Equal(
            [ParagraphKind.Heading, ParagraphKind.Body, ParagraphKind.Heading, ParagraphKind.Body, ParagraphKind.Body],
            doc.Paragraphs.Select(p => p.Kind));
        Assert.Equal("Berlin", doc.Get(Layers.Header).Dateline!.Place);
    }

    [Fact]
    public void Crlf_text_keeps_its_offsets()
    {
        string text = "Berlin (dpa) - Erster Satz.\r\n\r\nZwischentitel\r\n\r\nZweiter Satz.\r\n";
        var doc = TestPipeline.Run(text);
        Assert.Equal(3, doc.Paragraphs.Length);
        Assert.Equal("Zwischentitel", doc.TextOf(doc.Paragraphs[1].Range));
        Assert.Equal(ParagraphKind.Heading, doc.Paragraphs[1].Kind);
        Assert.Equal("Zweiter Satz.", doc.TextOf(doc.Sentences[^1].Range));
    }
}
