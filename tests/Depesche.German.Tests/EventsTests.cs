using Depesche.German;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests;

public class EventsTests
{
    internal static Document Read(string text, DateOnly? date = null)
    {
        var doc = GermanPipeline.Create(Stage.Events).Process(new Document(text, "t", "test", referenceDateOverride: date));
        Invariants.Check(doc);
        return doc;
    }

    internal static string Describe(Document doc, Event e) =>
        $"{e.Type}|{(e.Actor is { } a ? doc.TextOf(a.Range) : "-")}|{(e.Target is { } t ? doc.TextOf(t.Range) : "-")}|{e.Mode.ToString().ToLowerInvariant()}";

    /// <summary>The runner for the examples of event-frames.tsv.</summary>
    internal static string FirstEvent(string text)
    {
        var doc = Read(text);
        var events = doc.GetOrEmpty(Layers.Events);
        return events.IsEmpty ? "none" : Describe(doc, events[0]);
    }
}

public class EventCodingTests
{
    [Theory]
    [InlineData("Die Regierung schließt einen Abzug der Truppen aus.", "REJECT|Regierung|der Truppen|asserted")]
    [InlineData("Die Polizei nahm am Montag drei Demonstranten fest.", "COERCE|Polizei|drei Demonstranten|asserted")]
    [InlineData("Die Regierung will keine Truppen nach Mali schicken.", "MOBILIZE|Regierung|Mali|negated")]
    [InlineData("Die EU-Staaten werden weitere Polizisten an die Grenze schicken.", "MOBILIZE|EU-Staaten|die Grenze|planned")]
    [InlineData("Die Regierung hatte die Verlegung von Soldaten nach Polen angekündigt.", "MOBILIZE|Regierung|Polen|announced")]
    [InlineData("Die Opposition kritisierte die Regierung scharf.", "ACCUSE|Opposition|die Regierung|asserted")]
    [InlineData("Tausende Demonstranten protestierten gegen die Regierung.", "PROTEST|Demonstranten|die Regierung|asserted")]
    [InlineData("Die Minister treffen sich am Freitag mit ihren Kollegen.", "CONSULT|Minister|ihren Kollegen|asserted")]
    [InlineData("Die EU unterstützt die Ukraine.", "SUPPORT|EU|die Ukraine|asserted")]
    [InlineData("Die Armee zog ihre Truppen aus der Stadt ab.", "RETREAT|Armee|ihre Truppen|asserted")]
    public void Codes_type_actor_target_and_mode(string text, string expected)
    {
        var doc = EventsTests.Read(text);
        var events = doc.GetOrEmpty(Layers.Events);
        Assert.True(events.Length >= 1, "no event found");
        Assert.Equal(expected, EventsTests.Describe(doc, events[0]));
    }

    [Theory]
    [InlineData("Die Zuversicht ist groß.")]
    [InlineData("Am Abend regnete es.")]
    [InlineData("Der Angriff des Stürmers kam zu spät.")]
    public void No_event_without_an_actor_that_can_act(string text)
    {
        var doc = EventsTests.Read(text);
        Assert.Empty(doc.GetOrEmpty(Layers.Events));
    }

    [Fact]
    public void An_event_inside_a_quotation_names_the_quotation_and_its_speaker_as_actor()
    {
        var doc = EventsTests.Read("«Wir unterstützen die Republik Moldau», sagte Generalsekretär Mark Rutte.");
        var e = Assert.Single(doc.GetOrEmpty(Layers.Events));
        Assert.Equal("SUPPORT", e.Type);
        Assert.Equal(0, e.SourceQuote);
        Assert.Equal("Generalsekretär Mark Rutte", doc.TextOf(e.Actor!.Range));
    }
}

/// <summary>Event readings across the PLOVER types, with modes, on sentences written for these tests.</summary>
public class EventTypeTests
{
    [Theory]
    [InlineData("Die Armee bombardierte in der Nacht mehrere Dörfer.", "ASSAULT|Armee|mehrere Dörfer|asserted")]
    [InlineData("Rebellen griffen einen Militärkonvoi an.", "ASSAULT|Rebellen|einen Militärkonvoi|asserted")]
    [InlineData("Die Polizei verhaftete den Oppositionsführer.", "COERCE|Polizei|den Oppositionsführer|asserted")]
    [InlineData("Sicherheitskräfte nahmen am Sonntag zwölf Aktivisten fest.", "COERCE|Sicherheitskräfte|zwölf Aktivisten|asserted")]
    [InlineData("Die Behörden haben den Journalisten nicht festgenommen.", "COERCE|Behörden|den Journalisten|negated")]
    [InlineData("Tausende Menschen demonstrierten in Minsk gegen die Regierung.", "PROTEST|Menschen|die Regierung|asserted")]
    [InlineData("Die Gewerkschaft will am Montag gegen die Reform streiken.", "PROTEST|Gewerkschaft|die Reform|planned")]
    [InlineData("Der Kanzler forderte die Regierung zum Handeln auf.", "REQUEST|Kanzler|die Regierung|asserted")]
    [InlineData("Die Außenminister trafen sich in Wien mit ihrem iranischen Kollegen.", "CONSULT|Außenminister|ihrem iranischen Kollegen|asserted")]
    [InlineData("Die Delegationen werden nächste Woche in Genf verhandeln.", "CONSULT|Delegationen|-|planned")]
    [InlineData("Die Ministerin kritisierte die Entscheidung des Gerichts.", "ACCUSE|Ministerin|des Gerichts|asserted")]
    [InlineData("Die Opposition warf der Regierung Wahlbetrug vor.", "ACCUSE|Opposition|der Regierung|asserted")]
    [InlineData("Das Parlament lehnte den Vorschlag ab.", "REJECT|Parlament|den Vorschlag|asserted")]
    [InlineData("Der Minister wies die Vorwürfe zurück.", "REJECT|Minister|die Vorwürfe|asserted")]
    [InlineData("Die Regierung dementierte den Bericht.", "REJECT|Regierung|den Bericht|asserted")]
    [InlineData("Die Rebellen drohten der Regierung mit neuen Angriffen.", "THREATEN|Rebellen|der Regierung|asserted")]
    [InlineData("Die EU verhängte Sanktionen gegen Belarus.", "SANCTION|EU|Belarus|asserted")]
    [InlineData("Die Regierung wies den Botschafter aus.", "SANCTION|Regierung|den Botschafter|asserted")]
    [InlineData("Der Kanzler unterstützte den Vorschlag der Kommission.", "SUPPORT|Kanzler|der Kommission|asserted")]
    [InlineData("Die Armee zog sich aus der Stadt zurück.", "RETREAT|Armee|-|asserted")]
    [InlineData("Die Entführer ließen die Geiseln frei.", "RETREAT|Entführer|die Geiseln|asserted")]
    [InlineData("Der Minister trat am Freitag zurück.", "RETREAT|Minister|-|asserted")]
    [InlineData("Die Regierung hob das Verbot auf.", "RETREAT|Regierung|das Verbot|asserted")]
    [InlineData("Die Nato will weitere Soldaten nach Litauen schicken.", "MOBILIZE|Nato|Litauen|planned")]
    [InlineData("Die Bundeswehr entsendet 200 Soldaten nach Mali.", "MOBILIZE|Bundeswehr|Mali|asserted")]
    [InlineData("Die Armee könnte Truppen an die Grenze verlegen.", "MOBILIZE|Armee|die Grenze|hypothetical")]
    [InlineData("Die Regierung hatte den Abzug der Truppen angekündigt.", "RETREAT|Regierung|-|announced")]
    public void Codes_each_type(string text, string expected)
    {
        var doc = EventsTests.Read(text);
        var events = doc.GetOrEmpty(Layers.Events);
        Assert.True(events.Length >= 1, "no event found");
        Assert.Equal(expected, EventsTests.Describe(doc, events[0]));
    }

    [Theory]
    [InlineData("Der Sturm zerstörte mehrere Häuser.")]
    [InlineData("Die Preise stiegen im Mai deutlich.")]
    [InlineData("Das Spiel endete unentschieden.")]
    [InlineData("Der Stürmer griff den Ball an.")]
    [InlineData("Die Polizei sucht Zeugen.")]
    public void States_no_political_event(string text)
    {
        Assert.Empty(EventsTests.Read(text).GetOrEmpty(Layers.Events));
    }
}
