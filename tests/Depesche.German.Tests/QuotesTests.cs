using Depesche.German;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests;

public class QuotesTests
{
    internal static Document Read(string text)
    {
        var doc = GermanPipeline.Create(Stage.Quotes).Process(new Document(text, "t", "test"));
        Invariants.Check(doc);
        return doc;
    }

    private static string Describe(Document doc, Quote q) =>
        $"{q.Kind.ToString().ToLowerInvariant()}|{doc.TextOf(q.Content)}|{(q.Speaker is { } s ? doc.TextOf(s.Range) : "-")}|{q.Cue?.Lemma ?? "-"}|{(q.Addressee is { } a ? doc.TextOf(a.Range) : "-")}";

    [Theory]
    [InlineData("«Wir helfen der Ukraine», sagte Generalsekretär Mark Rutte in Den Haag.", "direct|Wir helfen der Ukraine|Generalsekretär Mark Rutte|sagen|-")]
    [InlineData("»Wir helfen der Ukraine«, sagte die Ministerin am Montag.", "direct|Wir helfen der Ukraine|die Ministerin|sagen|-")]
    [InlineData("„Wir helfen der Ukraine“, erklärte ein Sprecher des Außenministeriums.", "direct|Wir helfen der Ukraine|ein Sprecher des Außenministeriums|erklären|-")]
    [InlineData("\"Wir helfen der Ukraine\", betonte Scholz.", "direct|Wir helfen der Ukraine|Scholz|betonen|-")]
    [InlineData("Stoltenberg sagte: «Wir helfen der Ukraine.»", "direct|Wir helfen der Ukraine.|Stoltenberg|sagen|-")]
    [InlineData("«Wir helfen», so Stoltenberg.", "direct|Wir helfen|Stoltenberg|so|-")]
    [InlineData("Die Ministerin machte deutlich, dass die Hilfe weitergeht.", "indirect|dass die Hilfe weitergeht|Die Ministerin|deutlich machen|-")]
    [InlineData("Scholz erklärte, die Lage sei ernst.", "indirect|die Lage sei ernst|Scholz|erklären|-")]
    [InlineData("Die Lage sei ernst, sagte Scholz.", "indirect|Die Lage sei ernst|Scholz|sagen|-")]
    [InlineData("Laut Polizei gab es drei Verletzte.", "indirect|gab es drei Verletzte|Polizei|laut|-")]
    [InlineData("Der Polizei zufolge gab es drei Verletzte.", "indirect|gab es drei Verletzte|Der Polizei|zufolge|-")]
    [InlineData("Nach Angaben der Feuerwehr brannte das Haus völlig aus.", "indirect|brannte das Haus völlig aus|der Feuerwehr|nach Angaben|-")]
    [InlineData("Es kamen 40 Soldaten an, wie das Ministerium in Riga mitteilte.", "indirect|Es kamen 40 Soldaten an|das Ministerium|mitteilen|-")]
    [InlineData("Der Minister forderte Putin auf, die Truppen abzuziehen.", "indirect|die Truppen abzuziehen|Der Minister|auffordern|Putin")]
    [InlineData("Kremlchef Wladimir Putin forderte die Kanzlerin auf, die Truppen abzuziehen.", "indirect|die Truppen abzuziehen|Kremlchef Wladimir Putin|auffordern|die Kanzlerin")]
    [InlineData("Der Minister teilte dem Parlament mit, die Lage sei ernst.", "indirect|die Lage sei ernst|Der Minister|mitteilen|dem Parlament")]
    [InlineData("Die Kanzlerin versicherte Selenskyj, die Hilfe gehe weiter.", "indirect|die Hilfe gehe weiter|Die Kanzlerin|versichern|Selenskyj")]
    [InlineData("Am Abend teilte er den Abgeordneten mit, die Lage sei ernst.", "indirect|die Lage sei ernst|er|mitteilen|den Abgeordneten")]
    [InlineData("Die Ministerin antwortete, die Lage sei ernst.", "indirect|die Lage sei ernst|Die Ministerin|antworten|-")]
    [InlineData("In einer Erklärung des Ministeriums hieß es, die Lage sei ernst.", "indirect|die Lage sei ernst|des Ministeriums|heißen|-")]
    [InlineData("Aus dem Kanzleramt hieß es, man prüfe alle Optionen.", "indirect|man prüfe alle Optionen|dem Kanzleramt|heißen|-")]
    [InlineData("Die Lage sei ernst, hieß es aus Regierungskreisen.", "indirect|Die Lage sei ernst|Regierungskreisen|heißen|-")]
    [InlineData("Die Forderung der Opposition lautet: «Neuwahlen jetzt.»", "direct|Neuwahlen jetzt.|der Opposition|-|-")]
    [InlineData("Der Minister sagte der «Welt», er habe keine Zeit.", "indirect|er habe keine Zeit|Der Minister|sagen|-")]
    [InlineData("Die Polizei geht davon aus, dass die Täter fliehen konnten.", "indirect|dass die Täter fliehen konnten|Die Polizei|ausgehen|-")]
    [InlineData("Deutschland will zusagen, 4.000 Soldaten zu stellen, wie das Ministerium mitteilte.", "indirect|Deutschland will zusagen, 4.000 Soldaten zu stellen|das Ministerium|mitteilen|-")]
    [InlineData("Die Ärzte hoffen, dass der Patient überlebt.", "indirect|dass der Patient überlebt|Die Ärzte|hoffen|-")]
    [InlineData("Nach UNHCR-Angaben sind 35.000 Menschen eingeschlossen.", "indirect|sind 35.000 Menschen eingeschlossen|UNHCR-Angaben|nach UNHCR-Angaben|-")]
    [InlineData("Nach Grupps Meinung werden Fehler gemacht.", "indirect|werden Fehler gemacht|Grupps|nach Meinung|-")]
    [InlineData("Dem Vernehmen nach soll der Minister bald zurücktreten.", "indirect|soll der Minister bald zurücktreten|-|nach|-")]
    [InlineData("Die Wahlkommission gab ein Ergebnis bekannt. Demnach hat die Koalition gewonnen.", "indirect|hat die Koalition gewonnen|Die Wahlkommission|demnach|-")]
    [InlineData("Nach einem Bericht des Fachmagazins sei die Lage ernst.", "indirect|sei die Lage ernst|des Fachmagazins|nach Bericht|-")]
    [InlineData("Meloni erklärte, Albanien sei ein «verlässlicher Partner und ein guter Nachbar».", "mixed|Albanien sei ein «verlässlicher Partner und ein guter Nachbar»|Meloni|erklären|-")]
    [InlineData("Die Partei nannte den Plan «fahrlässig und gefährlich».", "direct|fahrlässig und gefährlich|Die Partei|nennen|-")]
    [InlineData("Nach Polizeiangaben gab es drei Verletzte.", "indirect|gab es drei Verletzte|Polizeiangaben|nach Polizeiangaben|-")]
    [InlineData("Nach eigenen Angaben erhielt das Amt mehr Geld.", "indirect|erhielt das Amt mehr Geld|das Amt|nach eigenen Angaben|-")]
    [InlineData("Die Lage sei ernst, so der Minister.", "indirect|Die Lage sei ernst|der Minister|so|-")]
    [InlineData("Kramer sagte, er freue sich über die neue Aufgabe.", "indirect|er freue sich über die neue Aufgabe|Kramer|sagen|-")]
    [InlineData("Die Hühner waren mit dem Virus infiziert. Das erklärte gestern ein Sprecher des Landesamtes.", "indirect|Die Hühner waren mit dem Virus infiziert|ein Sprecher des Landesamtes|erklären|-")]
    [InlineData("Ein Sprecher des Ministeriums erklärte, die betroffenen Tiere würden behandelt.", "indirect|die betroffenen Tiere würden behandelt|Ein Sprecher des Ministeriums|erklären|-")]
    [InlineData("Kowalski sagte dazu am Abend: «Nicht ich bin verhaftet worden.»", "direct|Nicht ich bin verhaftet worden.|Kowalski|sagen|-")]
    [InlineData("Einer der 13 beteiligten Feuerwehrleute sagte: «So etwas haben wir nie gesehen.»", "direct|So etwas haben wir nie gesehen.|Einer der 13 beteiligten Feuerwehrleute|sagen|-")]
    [InlineData("Es gebe kein Risiko, wie schon die WHO mitteilte.", "indirect|Es gebe kein Risiko|die WHO|mitteilen|-")]
    public void Reads_speech(string text, string expected)
    {
        var doc = Read(text);
        var quotes = doc.GetOrEmpty(Layers.Quotes);
        Assert.True(quotes.Length == 1, $"expected one quote, found {quotes.Length}: {string.Join(" / ", quotes.Select(q => Describe(doc, q)))}");
        Assert.Equal(expected, Describe(doc, quotes[0]));
    }

    [Theory]
    [InlineData("Die Eliteeinheit, intern «Speerspitze» genannt, ist bereit.")]
    [InlineData("Der Film „Das Boot“ lief gestern.")]
    [InlineData("Das sogenannte „Sondervermögen“ wächst.")]
    [InlineData("Die Reform gilt als «Jahrhundertprojekt» und bleibt umstritten.")]
    [InlineData("Er hatte die Verlegung angekündigt.")]
    [InlineData("Das sagte der Minister der «Berliner Zeitung».")]
    [InlineData("Die Lage ist ernst.")]
    [InlineData("Danach ging er nach Hause.")]
    [InlineData("Die Ministerin glaubt an den Erfolg.")]
    [InlineData("Die Wahl ging knapp aus, die Stimmung blieb gut.")]
    [InlineData("Die Gewerkschaft fordert 8 Prozent mehr Lohn, mindestens aber 350 Euro im Monat.")]
    public void Names_terms_and_plain_statements_are_no_speech(string text)
    {
        Assert.Empty(Read(text).GetOrEmpty(Layers.Quotes));
    }

    [Fact]
    public void A_speaker_named_by_a_pronoun_is_the_one_in_focus_for_the_next_quotation()
    {
        var doc = Read("Ministerin Anna Kreuzer lud die Gewerkschaften ein. Das Ministerium teilte mit, das Treffen finde im März statt. «Wir müssen reden», sagte sie. «Niemand will Streit.»");
        var quotes = doc.GetOrEmpty(Layers.Quotes);
        var last = quotes[^1];
        Assert.Equal("Niemand will Streit.", doc.TextOf(last.Content));
        Assert.Equal("Anna Kreuzer", doc.GetOrEmpty(Layers.Entities)[last.Speaker!.Entity!.Value].Canonical);
    }

    [Fact]
    public void An_opinion_given_by_a_pronoun_belongs_to_the_person_just_named()
    {
        var doc = Read("Bundeskanzler Olaf Scholz sprach im Bundestag. Seiner Meinung nach ist die Lage ernst.");
        var q = Assert.Single(doc.GetOrEmpty(Layers.Quotes));
        Assert.Equal("ist die Lage ernst", doc.TextOf(q.Content));
        Assert.Equal("Olaf Scholz", doc.GetOrEmpty(Layers.Entities)[q.Speaker!.Entity!.Value].Canonical);
    }

    [Fact]
    public void A_pronoun_speaker_and_a_free_standing_quote_follow_the_speaker_in_focus()
    {
        var doc = Read("«Wir bleiben», sagte Ministerin Anna Berg in Kiel. «Das ist unser Auftrag.» Sie sei zuversichtlich. «Und wir schaffen das», fügte sie hinzu.");
        var quotes = doc.GetOrEmpty(Layers.Quotes);
        Assert.Equal(4, quotes.Length);
        // One person speaks throughout: the linker puts the name and the pronoun into one entity.
        int anna = doc.GetOrEmpty(Layers.Entities).Single(e => e.Canonical == "Anna Berg").Id;
        Assert.All(quotes, q => Assert.Equal(anna, q.Speaker!.Entity));
        Assert.Equal("Ministerin Anna Berg", doc.TextOf(quotes[1].Speaker!.Range));
        Assert.Equal("sie", doc.TextOf(quotes[3].Speaker!.Range));
        Assert.Equal("hinzufügen", quotes[3].Cue!.Lemma);
        Assert.Equal(QuoteKind.Indirect, quotes[2].Kind);
    }

    [Fact]
    public void A_quoted_newspaper_is_no_quotation_but_the_statement_is()
    {
        var doc = Read("Die Lage sei ernst, sagte der Minister der «Berliner Zeitung».");
        var q = Assert.Single(doc.GetOrEmpty(Layers.Quotes));
        Assert.Equal("Die Lage sei ernst", doc.TextOf(q.Content));
    }

    [Fact]
    public void Konjunktiv_continues_a_speaker_only_for_a_few_sentences()
    {
        var doc = Read("«Wir bleiben», sagte Ministerin Anna Berg. Der Zug fuhr ab. Es regnete. Die Straße war nass. Der Plan sei gut.");
        Assert.Single(doc.GetOrEmpty(Layers.Quotes));
    }

    [Fact]
    public void A_quotation_standing_alone_after_a_sentence_about_a_person_is_theirs()
    {
        var doc = Read("Olaf Scholz zeigte sich zufrieden. «Das war ein gutes Jahr für uns alle.»");
        var q = Assert.Single(doc.GetOrEmpty(Layers.Quotes));
        var entities = doc.GetOrEmpty(Layers.Entities);
        Assert.Equal("Olaf Scholz", entities[q.Speaker!.Entity!.Value].Canonical);
    }

    [Fact]
    public void Konjunktiv_after_a_sentence_about_a_person_reports_them_and_without_one_nothing()
    {
        var doc = Read("Olaf Scholz zeigte sich zufrieden. Das Jahr sei gut gewesen.");
        var q = Assert.Single(doc.GetOrEmpty(Layers.Quotes));
        Assert.Equal(QuoteKind.Indirect, q.Kind);
        Assert.Equal("Olaf Scholz", doc.GetOrEmpty(Layers.Entities)[q.Speaker!.Entity!.Value].Canonical);

        Assert.Empty(Read("Die Sonne schien. Das Jahr sei gut gewesen.").GetOrEmpty(Layers.Quotes));
    }

    [Fact]
    public void A_quotation_continued_in_the_next_paragraph_is_one_quotation()
    {
        var doc = Read("Der Minister sagte: «Wir bleiben hier. Wir gehen nicht.\n\n«Und wir kommen wieder.»");
        var q = Assert.Single(doc.GetOrEmpty(Layers.Quotes));
        Assert.StartsWith("Wir bleiben hier.", doc.TextOf(q.Content));
        Assert.EndsWith("Und wir kommen wieder.", doc.TextOf(q.Content));
        Assert.Equal("Der Minister", doc.TextOf(q.Speaker!.Range));
    }

    [Fact]
    public void What_was_heard_from_nobody_named_has_no_speaker_even_with_a_person_in_focus()
    {
        var doc = Read("Bundeskanzler Olaf Scholz reiste nach Kiew. Es hieß, die Gespräche seien schwierig.");
        var q = Assert.Single(doc.GetOrEmpty(Layers.Quotes));
        Assert.Equal("die Gespräche seien schwierig", doc.TextOf(q.Content));
        Assert.Equal("heißen", q.Cue?.Lemma);
        Assert.Null(q.Speaker);
    }

    [Fact]
    public void Without_a_speaker_in_focus_the_speaker_is_unknown()
    {
        var doc = Read("«Das ist ein schwerer Tag für uns alle.»");
        var q = Assert.Single(doc.GetOrEmpty(Layers.Quotes));
        Assert.Null(q.Speaker);
    }

    [Fact]
    public void Nested_quotes_stay_inside_their_quotation()
    {
        var doc = Read("„Er nannte das ‚Unsinn‘ und ging“, sagte die Zeugin.");
        var q = Assert.Single(doc.GetOrEmpty(Layers.Quotes));
        Assert.Equal("Er nannte das ‚Unsinn‘ und ging", doc.TextOf(q.Content));
    }
}
