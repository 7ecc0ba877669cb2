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
    [InlineData("Die Regierung plant, Soldaten nach Mali zu schicken.", "MOBILIZE|Regierung|Mali|planned")]
    [InlineData("Die Regierung hat keine Pläne, Soldaten nach Mali zu schicken.", "MOBILIZE|Regierung|Mali|negated")]
    [InlineData("Die Regierung hat Pläne, Soldaten nach Mali zu schicken.", "MOBILIZE|Regierung|Mali|planned")]
    [InlineData("Die Regierung hat keine Absicht, Soldaten nach Mali zu schicken.", "MOBILIZE|Regierung|Mali|negated")]
    [InlineData("Die Regierung hat nicht vor, Soldaten nach Mali zu schicken.", "MOBILIZE|Regierung|Mali|negated")]
    [InlineData("Die Tarifparteien einigten sich am Abend auf einen neuen Vertrag.", "AGREE|Tarifparteien|-|asserted")]
    [InlineData("Die Regierung gab den Forderungen der Gewerkschaft nach.", "CONCEDE|Regierung|der Gewerkschaft|asserted")]
    [InlineData("Die Regierung wird den Forderungen der Gewerkschaft nicht nachgeben.", "CONCEDE|Regierung|der Gewerkschaft|negated")]
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

/// <summary>A second set of event readings: every type with its usual frames, and sentences that state no political event.</summary>
public class EventFrameTests
{
    [Theory]
    [InlineData("Unbekannte Täter erschossen einen Polizisten.", "ASSAULT|Täter|einen Polizisten|asserted")]
    [InlineData("Die Armee hat die Stadt nicht angegriffen.", "ASSAULT|Armee|die Stadt|negated")]
    [InlineData("Die Miliz könnte das Lager angreifen.", "ASSAULT|Miliz|das Lager|hypothetical")]
    [InlineData("Die Soldaten töteten zwei Angreifer.", "ASSAULT|Soldaten|zwei Angreifer|asserted")]
    [InlineData("Die Polizei nahm den Verdächtigen in Berlin fest.", "COERCE|Polizei|den Verdächtigen|asserted")]
    [InlineData("Die Behörden inhaftierten mehrere Journalisten.", "COERCE|Behörden|mehrere Journalisten|asserted")]
    [InlineData("Die Rebellen entführten zwei Helfer.", "COERCE|Rebellen|zwei Helfer|asserted")]
    [InlineData("Die Regierung will die Aktivisten verhaften.", "COERCE|Regierung|die Aktivisten|planned")]
    [InlineData("Studenten protestierten gegen die Reform.", "PROTEST|Studenten|die Reform|asserted")]
    [InlineData("Der Außenminister traf sich mit seinem russischen Amtskollegen.", "CONSULT|Außenminister|seinem russischen Amtskollegen|asserted")]
    [InlineData("Die Minister berieten mit den Gewerkschaften.", "CONSULT|Minister|den Gewerkschaften|asserted")]
    [InlineData("Die Regierung verhandelt mit den Rebellen.", "CONSULT|Regierung|den Rebellen|asserted")]
    [InlineData("Die Kanzlerin besucht nächste Woche Frankreich.", "CONSULT|Kanzlerin|Frankreich|asserted")]
    [InlineData("Die Regierung kritisierte die Opposition.", "ACCUSE|Regierung|die Opposition|asserted")]
    [InlineData("Die Vereinten Nationen verurteilten die Regierung.", "ACCUSE|Vereinten Nationen|die Regierung|asserted")]
    [InlineData("Die Regierung lehnte die Forderungen der Gewerkschaft ab.", "REJECT|Regierung|der Gewerkschaft|asserted")]
    [InlineData("Das Gericht wies die Klage zurück.", "REJECT|Gericht|die Klage|asserted")]
    [InlineData("Der Minister bestritt die Vorwürfe.", "REJECT|Minister|die Vorwürfe|asserted")]
    [InlineData("Die Gewerkschaft drohte dem Konzern mit Streiks.", "THREATEN|Gewerkschaft|dem Konzern|asserted")]
    [InlineData("Die EU will Sanktionen gegen Russland verhängen.", "SANCTION|EU|Russland|planned")]
    [InlineData("Die Partei lobte den Kanzler.", "SUPPORT|Partei|den Kanzler|asserted")]
    [InlineData("Der Minister begrüßte die Entscheidung der Kommission.", "SUPPORT|Minister|der Kommission|asserted")]
    [InlineData("Die Regierung liefert Waffen an die Ukraine.", "AID|Regierung|die Ukraine|asserted")]
    [InlineData("Die Regierung zog die Truppen aus Afghanistan ab.", "RETREAT|Regierung|die Truppen|asserted")]
    [InlineData("Die Rebellen ließen die Gefangenen frei.", "RETREAT|Rebellen|die Gefangenen|asserted")]
    [InlineData("Die Armee zieht ihre Soldaten aus dem Norden ab.", "RETREAT|Armee|ihre Soldaten|asserted")]
    [InlineData("Die Regierung hebt die Ausgangssperre auf.", "RETREAT|Regierung|die Ausgangssperre|asserted")]
    [InlineData("Die Nato verlegt Truppen nach Polen.", "MOBILIZE|Nato|Polen|asserted")]
    [InlineData("Die Regierung wird keine Soldaten schicken.", "MOBILIZE|Regierung|-|negated")]
    [InlineData("Die Ministerin hat den Abzug angekündigt.", "RETREAT|Ministerin|-|announced")]
    [InlineData("Die Luftwaffe griff Stellungen der Rebellen an.", "ASSAULT|Luftwaffe|der Rebellen|asserted")]
    [InlineData("Die Armee stationiert Raketen an der Grenze.", "MOBILIZE|Armee|der Grenze|asserted")]
    [InlineData("Die Polizei kooperiert mit den Behörden in Polen.", "COOPERATE|Polizei|den Behörden|asserted")]
    [InlineData("Die Partei schließt eine Koalition mit den Grünen aus.", "REJECT|Partei|eine Koalition|asserted")]
    [InlineData("Der Präsident forderte die Rebellen auf, die Waffen niederzulegen.", "REQUEST|Der Präsident|die Rebellen|asserted")]
    public void Codes_the_frame(string text, string expected)
    {
        var doc = EventsTests.Read(text);
        var events = doc.GetOrEmpty(Layers.Events);
        Assert.True(events.Length >= 1, "no event found");
        Assert.Equal(expected, EventsTests.Describe(doc, events[0]));
    }

    [Theory]
    [InlineData("Das Wetter war schlecht.")]
    [InlineData("Der Zug traf pünktlich ein.")]
    [InlineData("Die Mannschaft besiegte den Gegner.")]
    [InlineData("Der Regen hörte am Abend auf.")]
    [InlineData("Die Firma meldete höhere Gewinne.")]
    public void Ignores(string text)
    {
        Assert.Empty(EventsTests.Read(text).GetOrEmpty(Layers.Events));
    }
}

public class DependencyViewSharingTests
{
    [Fact]
    public void One_view_serves_a_document_and_a_view_built_before_the_tree_is_not_reused_after()
    {
        const string text = "Die Regierung lehnte den Plan ab.";
        var parsed = GermanPipeline.Create(Stage.Parse).Process(new Document(text, "t", "test"));
        var view = Depesche.German.Syntax.DependencyView.Of(parsed);
        Assert.Same(view, Depesche.German.Syntax.DependencyView.Of(parsed));
        Assert.Equal(parsed.GetOrEmpty(Layers.Words).Length, view.Words.Length);

        // The same words without a tree yet: the view has no children; once the tree is set, a new view has them.
        var doc = new Document(text, "t2", "test");
        doc.Set(Layers.Tokens, parsed.Tokens);
        doc.Set(Layers.Words, parsed.GetOrEmpty(Layers.Words));
        var early = Depesche.German.Syntax.DependencyView.Of(doc);
        int root = parsed.GetOrEmpty(Layers.Dependencies).ToList().FindIndex(d => d.Head < 0);
        Assert.Equal(0, early.Children(root).Length);
        doc.Set(Layers.Dependencies, parsed.GetOrEmpty(Layers.Dependencies));
        var late = Depesche.German.Syntax.DependencyView.Of(doc);
        Assert.NotSame(early, late);
        Assert.Equal(view.Children(root).Length, late.Children(root).Length);
        Assert.True(late.Children(root).Length > 0);
        Assert.Same(late, Depesche.German.Syntax.DependencyView.Of(doc));
    }
}

public class EventTimeTests
{
    [Theory]
    [InlineData("Das Gericht verurteilte am Montag zwei Demonstranten zu zwei Jahren Haft.", "am Montag")]
    [InlineData("Das Gericht verurteilte zwei Demonstranten zu zwei Jahren Haft.", "-")]
    public void An_event_is_dated_by_when_it_happened_not_by_how_long(string text, string expected)
    {
        var doc = EventsTests.Read(text, new DateOnly(2024, 5, 15));
        var e = Assert.Single(doc.GetOrEmpty(Layers.Events));
        Assert.Equal("SANCTION", e.Type);
        Assert.Equal(expected, e.Time is int t ? doc.TextOf(doc.GetOrEmpty(Layers.Times)[t].Range) : "-");
    }
}
