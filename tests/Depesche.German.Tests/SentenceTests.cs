namespace Depesche.Tests;

public class SentenceTests
{
    [Theory]
    [InlineData("«Wir helfen», sagte er. Dann ging er.", "«Wir helfen», sagte er.|Dann ging er.")]
    [InlineData("«Wir helfen den Verbündeten.» Dann ging er.", "«Wir helfen den Verbündeten.»|Dann ging er.")]
    [InlineData("„Wir helfen.“ Dann ging er.", "„Wir helfen.“|Dann ging er.")]
    [InlineData("\"Wir helfen.\" Dann ging er.", "\"Wir helfen.\"|Dann ging er.")]
    [InlineData("«Was nun?», fragte er. Niemand wusste es.", "«Was nun?», fragte er.|Niemand wusste es.")]
    [InlineData("Er sagte: «Wir kommen.» Sie nickte.", "Er sagte: «Wir kommen.»|Sie nickte.")]
    [InlineData("Am 24. Februar marschierte Russland ein. Die Nato reagierte.", "Am 24. Februar marschierte Russland ein.|Die Nato reagierte.")]
    [InlineData("Die Zahl stieg auf 300. Das war neu.", "Die Zahl stieg auf 300.|Das war neu.")]
    [InlineData("Dr. Müller kam z.B. am Montag. Er blieb.", "Dr. Müller kam z.B. am Montag.|Er blieb.")]
    [InlineData("Es gab Äpfel, Birnen usw. Danach gab es Kuchen.", "Es gab Äpfel, Birnen usw.|Danach gab es Kuchen.")]
    [InlineData("Er kam (wie immer zu spät.) Sie wartete.", "Er kam (wie immer zu spät.)|Sie wartete.")]
    [InlineData("Wirklich? Ja! 300 Soldaten kamen.", "Wirklich?|Ja!|300 Soldaten kamen.")]
    [InlineData("Mehr unter www.example.org. Danke.", "Mehr unter www.example.org.|Danke.")]
    [InlineData("Sie kamen im 19. Jahrhundert an. Dann nicht mehr.", "Sie kamen im 19. Jahrhundert an.|Dann nicht mehr.")]
    public void Splits_as_expected(string input, string expected)
    {
        Assert.Equal(expected, string.Join("|", TestPipeline.SentenceTexts(TestPipeline.Run(input))));
    }

    [Fact]
    public void Sentences_do_not_cross_paragraphs()
    {
        var doc = TestPipeline.Run("Erster Absatz ohne Punkt\n\nzweiter Absatz.");
        Assert.Equal(["Erster Absatz ohne Punkt", "zweiter Absatz."], TestPipeline.SentenceTexts(doc));
        Assert.Equal([0, 1], doc.Sentences.Select(s => s.Paragraph));
    }

    [Fact]
    public void An_endless_sentence_is_cut()
    {
        string text = string.Join(" ", Enumerable.Repeat("wort", 2500));
        var doc = TestPipeline.Run(text);
        Assert.Equal(3, doc.Sentences.Length);
        Assert.All(doc.Sentences, s => Assert.True(s.TokenCount <= Depesche.German.Segmentation.SentenceSplitter.MaxSentenceTokens));
    }
}
