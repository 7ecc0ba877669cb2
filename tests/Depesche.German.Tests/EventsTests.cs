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
    [InlineData("Die Regierung schließt einen Abzug der Truppen aus.", "REJECT|Regierung|einen Abzug der Truppen|asserted")]
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
