namespace Depesche.Tests;

public class TokenizerTests
{
    [Theory]
    [InlineData("Rund 13.700 Soldaten.", "Rund|13.700|Soldaten|.")]
    [InlineData("1,5 Millionen Euro", "1,5|Millionen|Euro")]
    [InlineData("in der Saison 2001/2002 gewann", "in|der|Saison|2001/2002|gewann")]
    [InlineData("Der 74-Jährige sagte", "Der|74-Jährige|sagte")]
    [InlineData("an der Nato-Ostflanke und US-Soldaten", "an|der|Nato-Ostflanke|und|US-Soldaten")]
    [InlineData("Staats- und Regierungschefs", "Staats-|und|Regierungschefs")]
    [InlineData("Ein- oder Ausreise", "Ein-|oder|Ausreise")]
    [InlineData("am 24. Februar 2022", "am|24.|Februar|2022")]
    [InlineData("am 1. Mai", "am|1.|Mai")]
    [InlineData("am 24.02.2022 um 14:30 Uhr", "am|24.02.2022|um|14:30|Uhr")]
    [InlineData("Es steht 3:1.", "Es|steht|3:1|.")]
    [InlineData("«Wir helfen», sagte er.", "«|Wir|helfen|»|,|sagte|er|.")]
    [InlineData("»Wir helfen«, sagte er.", "»|Wir|helfen|«|,|sagte|er|.")]
    [InlineData("„Wir helfen“, sagte er.", "„|Wir|helfen|“|,|sagte|er|.")]
    [InlineData("\"Wir helfen\", sagte er.", "\"|Wir|helfen|\"|,|sagte|er|.")]
    [InlineData("‚Nein‘ sagte er", "‚|Nein|‘|sagte|er")]
    [InlineData("Mehr unter https://www.example.org/a?b=1. Danke", "Mehr|unter|https://www.example.org/a?b=1|.|Danke")]
    [InlineData("Siehe www.allinrechner.at.", "Siehe|www.allinrechner.at|.")]
    [InlineData("Mail an jens.stoltenberg@nato.int.", "Mail|an|jens.stoltenberg@nato.int|.")]
    [InlineData("z.B. und d.h. und u.a.", "z.B.|und|d.h.|und|u.a.")]
    [InlineData("Dr. Müller und Prof. Weber", "Dr.|Müller|und|Prof.|Weber")]
    [InlineData("Moody's bewertet", "Moody's|bewertet")]
    [InlineData("Es kam - wie erwartet - anders", "Es|kam|-|wie|erwartet|-|anders")]
    [InlineData("Es kam – wie erwartet – anders...", "Es|kam|–|wie|erwartet|–|anders|...")]
    [InlineData("Warum?! Darum…", "Warum|?!|Darum|…")]
    [InlineData("(dpa)", "(|dpa|)")]
    [InlineData("Die U.S. Army", "Die|U.S.|Army")]
    [InlineData("George W. Bush", "George|W.|Bush")]
    [InlineData("5% mehr, 20 € weniger", "5|%|mehr|,|20|€|weniger")]
    [InlineData("Gut 👍🏽 und 👨‍👩‍👧 da", "Gut|👍🏽|und|👨‍👩‍👧|da")]
    [InlineData("Papst Benedikt XVI. hatte", "Papst|Benedikt|XVI.|hatte")]
    public void Splits_as_expected(string input, string expected)
    {
        Assert.Equal(expected, string.Join("|", TestPipeline.TokenTexts(TestPipeline.Run(input))));
    }

    [Theory]
    [InlineData("«Wir helfen», sagte er.", 0, "quote_open")]
    [InlineData("«Wir helfen», sagte er.", 3, "quote_close")]
    [InlineData("»Wir helfen«, sagte er.", 0, "quote_open")]
    [InlineData("»Wir helfen«, sagte er.", 3, "quote_close")]
    [InlineData("\"Wir helfen\", sagte er.", 0, "quote_open")]
    [InlineData("\"Wir helfen\", sagte er.", 3, "quote_close")]
    [InlineData("am 24. Februar", 1, "ordinal")]
    [InlineData("auf 300. Das", 1, "number")]
    [InlineData("Staats- und", 0, "word")]
    public void Kinds_follow_context(string input, int index, string kind)
    {
        var doc = TestPipeline.Run(input);
        Assert.Equal(kind, Depesche.Output.DocumentJsonWriter.Name(doc.Tokens[index].Kind));
    }

    [Fact]
    public void Truncated_compounds_are_flagged()
    {
        var doc = TestPipeline.Run("Staats- und Regierungschefs");
        Assert.True(doc.Tokens[0].Flags.HasFlag(Depesche.Model.TokenFlags.Truncated));
        Assert.False(doc.Tokens[2].Flags.HasFlag(Depesche.Model.TokenFlags.Truncated));
    }
}
