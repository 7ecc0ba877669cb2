using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests;

/// <summary>
/// Events whose clause does not name every role: the report's earlier statement, the nature of the act
/// (only the police arrest, only courts sentence) or nobody at all supplies it. A role taken from elsewhere
/// is written with "*", an unknown perpetrator as "unbekannt?".
/// </summary>
public class ImplicitArgumentTests
{
    private static readonly DateOnly Date = new(2024, 5, 8); // a Wednesday

    private static string Role(Document doc, ArgumentRef? arg) => arg switch
    {
        null => "-",
        { Origin: ArgumentOrigin.Unknown } => "unbekannt?",
        { Origin: ArgumentOrigin.Context } => doc.TextOf(arg.Range) + "*",
        _ => doc.TextOf(arg.Range),
    };

    private static string Describe(Document doc, Event e) =>
        $"{e.Type}|{Role(doc, e.Actor)}|{Role(doc, e.Target)}|{e.Mode.ToString().ToLowerInvariant()}";

    private static string[] Events(string text, int? sentence = null)
    {
        var doc = EventsTests.Read(text, Date);
        return doc.GetOrEmpty(Layers.Events).Where(e => sentence is null || e.Sentence == sentence).Select(e => Describe(doc, e)).ToArray();
    }

    [Theory]
    // a later sentence tells the same attack again, or what it did
    [InlineData("Rebellen griffen am Montag ein Dorf im Norden an. Dabei wurden zwölf Menschen verletzt.", 1, "ASSAULT|Rebellen*|zwölf Menschen|asserted")]
    [InlineData("Milizen haben einen Konvoi überfallen. Bei dem Überfall starben drei Fahrer.", 1, "ASSAULT|Milizen*|einen Konvoi*|asserted")]
    [InlineData("Tausende Bauern protestierten in Paris gegen die Regierung. Die Proteste dauerten bis zum Abend.", 1, "PROTEST|Bauern*|die Regierung*|asserted")]
    // an attack whose perpetrator no sentence names
    [InlineData("Bei einem Bombenanschlag in Mogadischu wurden neun Menschen getötet.", 0, "ASSAULT|unbekannt?|-|asserted")]
    [InlineData("Bei einem Bombenanschlag in Mogadischu wurden neun Menschen getötet. Die Explosion beschädigte mehrere Häuser.", 1, "ASSAULT|unbekannt?|-|asserted")]
    // only the police and the authorities arrest; only courts sentence
    [InlineData("Die Polizei sicherte das Gelände. Später wurde ein Verdächtiger festgenommen.", 1, "COERCE|Polizei*|ein Verdächtiger|asserted")]
    [InlineData("Der Journalist wurde in Minsk verhaftet. Die Behörden nannten keinen Grund.", 0, "COERCE|Behörden*|Der Journalist|asserted")]
    [InlineData("Vor dem Landgericht wurde der Angeklagte verurteilt.", 0, "SANCTION|Landgericht*|der Angeklagte|asserted")]
    // a release continues the detention: whoever held them lets them go
    [InlineData("Die Polizei nahm den Aktivisten am Freitag fest. Am Sonntag wurde er wieder freigelassen.", 1, "RETREAT|Polizei*|er|asserted")]
    // and a lifting the ban: who imposed it lifts it
    [InlineData("Die Regierung verhängte eine Ausgangssperre über die Stadt. Am Montag wurde die Sperre wieder aufgehoben.", 1, "RETREAT|Regierung*|die Sperre|asserted")]
    // an act aimed at an act is aimed at whoever did that one, named there or before
    [InlineData("Die Bundesregierung kritisierte die Festnahme des Journalisten durch die Polizei.", 0, "ACCUSE|Bundesregierung|Polizei*|asserted")]
    [InlineData("Rebellen griffen am Montag ein Dorf im Norden an. Die Regierung verurteilte den Angriff scharf.", 1, "ACCUSE|Regierung|Rebellen*|asserted")]
    public void Takes_roles_from_the_report(string text, int sentence, string expected)
    {
        Assert.Contains(expected, Events(text, sentence));
    }

    [Theory]
    // alleged, feared or prevented attacks have no unknown perpetrator
    [InlineData("Die Ermittler fanden Hinweise auf angebliche Anschläge.")]
    [InlineData("Die Polizei hat einen Anschlag verhindert.")]
    [InlineData("Die Schutzwesten sollen vor Angriffen schützen.")]
    // no earlier attack: a wounded person alone is no event
    [InlineData("Bei dem Unfall wurden zwei Radfahrer verletzt.")]
    // no authority anywhere in the report: an arrest without actor is not stated
    [InlineData("Der Sänger wurde am Flughafen festgenommen.")]
    // no court anywhere in the report: a sentence without a judge is not stated
    [InlineData("Der Sänger wurde zu drei Jahren Haft verurteilt.")]
    public void States_nothing_without_a_source_for_the_actor(string text)
    {
        Assert.Empty(Events(text));
    }

    [Theory]
    [InlineData("Die Opposition warf der Regierung Wahlbetrug vor. Die Regierung bestritt dies.", 1, "REJECT|Regierung|Opposition*|asserted")]
    [InlineData("Der Minister wies die Darstellung zurück.", 0, "REJECT|Minister|die Darstellung|asserted")]
    public void A_rejected_claim_is_aimed_at_its_maker(string text, int sentence, string expected)
    {
        Assert.Contains(expected, Events(text, sentence));
    }

    [Theory]
    [InlineData("Die Opposition machte die Regierung für die Krise verantwortlich.", "ACCUSE|Opposition|die Regierung|asserted")]
    [InlineData("Die Armee wurde für mehrere Luftangriffe auf Dörfer verantwortlich gemacht.", "ASSAULT|Armee|Dörfer|asserted")]
    [InlineData("Die Kanzlerin forderte Russland zur Aufnahme von Gesprächen mit der Ukraine auf.", "CONSULT|Russland|der Ukraine|requested")]
    [InlineData("Die Gewalt, die von Soldaten ausgeübt wurde, richtete sich gegen Zivilisten.", "ASSAULT|Soldaten|Zivilisten|asserted")]
    [InlineData("Am Morgen begannen die Sicherheitskräfte mit Razzien in mehreren Vororten.", "COERCE|Sicherheitskräfte|-|asserted")]
    [InlineData("Der Plan der Regierung wurde vom Sprecher der Opposition begrüßt.", "SUPPORT|Sprecher der Opposition|der Regierung|asserted")]
    [InlineData("Am Samstag zogen tausende Demonstranten durch die Innenstadt von Lyon.", "PROTEST|Demonstranten|-|asserted")]
    [InlineData("Hunderte Bauern marschierten gegen die Agrarreform.", "PROTEST|Bauern|die Agrarreform|asserted")]
    [InlineData("Damit geht die Regierung auf eine zentrale Forderung der Opposition ein.", "REQUEST|Opposition|die Regierung|asserted")]
    public void Reads_roles_from_the_construction(string text, string expected)
    {
        Assert.Contains(expected, Events(text));
    }

    [Theory]
    [InlineData("Die Regierung müsse den Streit sofort beenden, sagte der Gewerkschaftschef Peter Wagner.", "REQUEST|der Gewerkschaftschef Peter Wagner|Regierung|asserted")]
    [InlineData("Die Ministerin erklärte, dann solle die Opposition ihre Vorschläge vorlegen.", "REQUEST|Die Ministerin|Opposition|asserted")]
    public void What_a_speaker_says_someone_must_do_is_a_demand(string text, string expected)
    {
        Assert.Contains(expected, Events(text));
    }

    [Theory]
    [InlineData("Wir müssen jetzt handeln, sagte die Ministerin.")]
    [InlineData("Der Minister sagte, ein Offizier solle die Rebellen gewarnt haben.")]
    [InlineData("Die Regierung müsse nicht zurücktreten, sagte der Sprecher.")]
    [InlineData("Sein Verband müsse eine Stimme haben, sagte der Präsident.")]
    [InlineData("Der neue Wagen soll nach bisherigen Angaben im Herbst auf den Markt kommen.")]
    public void Not_every_must_is_a_demand(string text)
    {
        Assert.DoesNotContain(Events(text), e => e.StartsWith("REQUEST", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Der Präsident griff die Opposition in einer Rede scharf an.", "ACCUSE|Präsident|die Opposition|asserted")]
    [InlineData("Frankreich wird seinen Außenminister nach Kairo entsenden.", "CONSULT|Frankreich|Kairo|planned")]
    [InlineData("Der Präsident kündigte an, gegen die Rebellen vorzugehen.", "THREATEN|Präsident|die Rebellen|asserted")]
    [InlineData("Ein Sprecher der Miliz kündigte an, die Kämpfer würden weitere Kasernen stürmen.", "THREATEN|Kämpfer|weitere Kasernen|asserted")]
    [InlineData("Der Milizenführer hat neue Anschläge auf Großbritannien angedroht.", "THREATEN|Milizenführer|Großbritannien|asserted")]
    [InlineData("Die Armee verteidigte den Einsatz von Waffen gegen die Demonstranten.", "ASSAULT|Armee|die Demonstranten|asserted")]
    public void Corrects_the_type_by_who_acts_and_how(string text, string expected)
    {
        Assert.Contains(expected, Events(text));
    }

    [Theory]
    // told on Wednesday: the meeting on Sunday has not yet happened
    [InlineData("Die Außenminister kommen am Sonntag zu einer Sondersitzung zusammen.", "CONSULT|Außenminister|-|planned")]
    // "soll … haben": reported, not planned
    [InlineData("Ein Offizier soll die Rebellen unterstützt haben.", "SUPPORT|Offizier|die Rebellen|asserted")]
    [InlineData("Die Regierung hält einen Abzug der Truppen für unwahrscheinlich.", "RETREAT|Truppen|-|hypothetical")]
    [InlineData("Eine Freilassung der Geiseln durch die Entführer sei eventuell möglich.", "RETREAT|Entführer|der Geiseln|hypothetical")]
    [InlineData("Die Regierung erwartet Massenverhaftungen durch die Polizei.", "COERCE|Polizei|-|hypothetical")]
    // readiness announces
    [InlineData("Die Regierung erklärte ihre Bereitschaft, in Gespräche mit der Opposition einzutreten.", "CONSULT|Regierung|der Opposition|announced")]
    [InlineData("Der Kanzler stehe bereit, sich mit der Opposition zu treffen.", "CONSULT|Kanzler|der Opposition|announced")]
    // a modal the parser hung beside the verb keeps its subject and its negation
    [InlineData("Die Regierung müsse nicht zurücktreten, sagte der Sprecher.", "RETREAT|Regierung|-|negated")]
    public void Reads_the_mode(string text, string expected)
    {
        Assert.Contains(expected, Events(text));
    }

    [Theory]
    [InlineData("Ende Mai töteten Soldaten drei Aktivisten.", "Mai")]
    [InlineData("Der Bischof besuchte Schulen und Kliniken.", "CONSULT")]
    [InlineData("Der Händler schickte die Ware an den Kunden.", "MOBILIZE")]
    [InlineData("Die Familie zog im Sommer nach Hamburg.", "PROTEST")]
    [InlineData("Eine Aufstockung der Truppen sei nicht ausgeschlossen.", "REJECT")]
    [InlineData("Der Pfarrer hatte Mädchen von den Ämtern ausgeschlossen.", "REJECT")]
    [InlineData("Auf Grund mehrerer Pannen misslang der Anschlag der Rebellen.", "Grund")]
    [InlineData("Sie wirft der Regierung vor, die Studie zensieren zu wollen.", "COERCE|Sie")]
    [InlineData("Die Kritik wurde vom Sprecher der Opposition begrüßt.", "SUPPORT")] // support needs someone it is for
    // a condemned act is not a sentence, and a sentence is not the sanctions told before it
    [InlineData("Die EU verhängte Sanktionen gegen Moskau. Der Einmarsch in das Nachbarland wurde verurteilt.", "SANCTION|EU*")]
    // an act aimed at an act whose doer nobody names is not stated
    [InlineData("Der Generalsekretär prangerte in seinem Bericht Morde an Kindern an.", "ACCUSE")]
    [InlineData("Die EU verhängte Sanktionen gegen Moskau. Ein Demonstrant wurde zu drei Jahren Haft verurteilt.", "SANCTION|EU*")]
    public void Does_not_misread(string text, string absent)
    {
        Assert.DoesNotContain(Events(text), e => e.Contains(absent, StringComparison.Ordinal));
    }

    [Fact]
    public void An_army_still_deploys_weapons()
    {
        Assert.Contains("MOBILIZE|Armee|der Grenze|asserted", Events("Die Armee stationiert Raketen an der Grenze."));
    }

    [Fact]
    public void The_place_comes_from_a_fronted_phrase_with_a_name_no_recogniser_knows()
    {
        var doc = EventsTests.Read("In Kalabo griffen Rebellen eine Polizeistation an.", Date);
        var e = Assert.Single(doc.GetOrEmpty(Layers.Events));
        Assert.Equal("Kalabo", e.Location is { } l ? doc.TextOf(l.Range) : null);
    }

    [Fact]
    public void One_record_per_event_and_sentence()
    {
        // two words of one attack in one sentence: one record
        var found = Events("Bei einem Anschlag explodierte eine Autobombe und tötete vier Menschen.");
        Assert.Single(found, f => f.StartsWith("ASSAULT", StringComparison.Ordinal));
    }
}
