using Depesche.Data;
using Depesche.German;
using Depesche.Knowledge;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests;

public class KnowledgeBaseTests
{
    private static KnowledgeBase Kb => KnowledgeBase.Default;

    private static DateRange Day(int y, int m, int d) => DateRange.Of(new DateOnly(y, m, d));

    [Fact]
    public void It_covers_every_UN_member_and_the_states_outside_the_UN()
    {
        var countries = Kb.Actors.Where(a => a.Kind == ActorKind.Country).ToList();
        Assert.Equal(193, countries.Count(c => c.Status == "member"));
        foreach (string code in new[] { "XK", "TW", "PS", "EH", "VA" })
        {
            Assert.NotEqual("territory", Kb[code]!.Status);
        }
        Assert.All(countries.Where(c => c.Status == "member"), c => Assert.False(string.IsNullOrEmpty(c.Alpha3), c.Id));
    }

    [Theory]
    [InlineData("Russland", "RU", MentionKind.Name)]
    [InlineData("Russlands", "RU", MentionKind.Name)]
    [InlineData("Russischen Föderation", "RU", MentionKind.Name)]
    [InlineData("russischen", "RU", MentionKind.Deriv)]
    [InlineData("Russe", "RU", MentionKind.Deriv)]
    [InlineData("US-Truppen", "US", MentionKind.Part)]
    [InlineData("EU-Staaten", "org:eu", MentionKind.Part)]
    [InlineData("Nato-", "org:nato", MentionKind.Part)]
    [InlineData("Ukraine-Krise", "UA", MentionKind.Part)]
    [InlineData("Kyjiw", "loc:kiew", MentionKind.Name)]
    [InlineData("USA", "US", MentionKind.Name)]
    [InlineData("Vereinigten Staaten", "US", MentionKind.Name)]
    public void Surface_forms_are_found_with_their_kind(string surface, string id, MentionKind kind)
    {
        Assert.True(Kb.TryLookup(surface, out var m), surface);
        Assert.Equal(id, m.Actor.Id);
        Assert.Equal(kind, m.Kind);
    }

    [Theory]
    [InlineData("russland")]
    [InlineData("RUSSISCHEN")]
    [InlineData("Russ")]
    [InlineData("-Truppen")]
    [InlineData("Haus")]
    public void Lookups_are_case_sensitive_and_do_not_guess(string surface)
    {
        Assert.False(Kb.TryLookup(surface, out _), surface);
    }

    [Fact]
    public void A_capital_stands_for_its_countrys_government()
    {
        Assert.True(Kb.TryLookupName("Moskau", out var moskau));
        Assert.Equal(ActorKind.Place, moskau.Actor.Kind);
        Assert.Equal("RU", moskau.Actor.Parent);
        Assert.True(Kb.TryLookupName("Kreml", out var kreml));
        Assert.Equal(EntityType.Organisation, kreml.Actor.Type);
        Assert.Equal("RU", kreml.Actor.Parent);
    }

    [Fact]
    public void Role_nouns_resolve_by_actor_and_date()
    {
        Assert.True(Kb.TryGetRole("Kremlchef", out var kremlchef));
        Assert.Equal("Wladimir Putin", Assert.Single(Kb.Holders(kremlchef, null, Day(2022, 2, 25))).Canonical);

        Assert.True(Kb.TryGetRole("Regierungschef", out var pm));
        Assert.Null(pm.Actor);
        Assert.Empty(Kb.Holders(pm, null, Day(2022, 2, 25)));
        Assert.Equal("Mario Draghi", Assert.Single(Kb.Holders(pm, Kb["IT"], Day(2022, 2, 25))).Canonical);

        Assert.True(Kb.TryGetRole("Nato-Generalsekretär", out var sg));
        Assert.Equal("org:nato", sg.Actor!.Id);
        Assert.Equal("Jens Stoltenberg", Assert.Single(Kb.Holders(sg, null, Day(2022, 2, 25))).Canonical);
        Assert.Equal("Mark Rutte", Assert.Single(Kb.Holders(sg, null, Day(2025, 1, 1))).Canonical);

        Assert.True(Kb.TryGetRole("Ex-Präsident", out var ex));
        Assert.True(ex.Former);
        Assert.Empty(Kb.Holders(ex, Kb["US"], Day(2022, 2, 25)));

        Assert.False(Kb.TryGetRole("Präsidentschaft", out _));
        Assert.False(Kb.TryGetRole("Haus-Präsident", out _));
    }

    [Fact]
    public void On_the_day_of_a_handover_the_successor_holds_the_office()
    {
        Assert.True(Kb.TryGetRole("Bundeskanzler", out var chancellor));
        Assert.Equal("Olaf Scholz", Assert.Single(Kb.Holders(chancellor, null, Day(2021, 12, 8))).Canonical);
        Assert.Equal("Angela Merkel", Assert.Single(Kb.Holders(chancellor, null, Day(2021, 12, 7))).Canonical);
        // A month spans the handover: both, in order of taking office.
        var december = Kb.Holders(chancellor, null, DateRange.Of(new PartialDate(2021, 12)));
        Assert.Equal(["Angela Merkel", "Olaf Scholz"], december.Select(p => p.Canonical));
    }

    [Fact]
    public void A_person_represents_the_actor_of_their_office_at_the_date()
    {
        var stoltenberg = Kb["per:jens-stoltenberg"]!;
        Assert.Equal("org:nato", Kb.ActorOf(stoltenberg, Day(2022, 2, 25))!.Id);
        Assert.Equal("NO", Kb.ActorOf(stoltenberg, Day(2026, 1, 1))!.Id);
        Assert.Equal((74, 74), Kb.Age(Kb["per:mario-draghi"]!, Day(2022, 2, 25)));
        Assert.Equal((74, 75), Kb.Age(Kb["per:mario-draghi"]!, DateRange.Of(new PartialDate(2022))));
    }

    [Fact]
    public void Membership_is_known_by_date()
    {
        Assert.False(Kb.IsMember("UA", "org:nato", Day(2022, 2, 25)));
        Assert.Contains("partner", Kb.RelationsAt("UA", "org:nato", Day(2022, 2, 25)));
        Assert.False(Kb.IsMember("FI", "org:nato", Day(2023, 4, 3)));
        Assert.True(Kb.IsMember("FI", "org:nato", Day(2023, 4, 4)));
        Assert.True(Kb.IsMember("SE", "org:nato", Day(2024, 3, 7)));
        Assert.Equal(30, Kb.MembersAt("org:nato", Day(2022, 2, 25)).Count);
        Assert.Equal(28, Kb.MembersAt("org:eu", Day(2019, 12, 31)).Count);
        Assert.True(Kb.IsMember("UA", "org:un", Day(2022, 2, 25)));
    }

    [Fact]
    public void Persons_are_found_by_name_surname_genitive_and_plain_spelling()
    {
        Assert.Equal("per:wolodymyr-selenskyj", Kb.ResolvePerson("Wolodymyr Selenskyj", null)!.Id);
        Assert.Equal("per:wolodymyr-selenskyj", Kb.ResolvePerson("Selenskyjs", null)!.Id);
        Assert.Equal("per:sergej-lawrow", Kb.ResolvePerson("Lawrow", null)!.Id);
        Assert.Equal("per:edgars-rinkevics", Kb.ResolvePerson("Rinkevics", null)!.Id);
        // Two people named Li held office in mid-2023: a bare "Li" is ambiguous then.
        Assert.Null(Kb.ResolvePerson("Li", Day(2023, 6, 1)));
    }

    [Fact]
    public void Lookups_allocate_nothing()
    {
        var word = "russischen".AsSpan();
        var doc = new Document("Die Russische Föderation, die US-Truppen und Jens Stoltenberg sowie russische Diplomaten.", "g", "g");
        GermanPipeline.Create(Stage.Segment).Process(doc);
        var gazetteer = new Gazetteer(Kb);
        var tags = new GazetteerTag[doc.Tokens.Length];
        var tokens = doc.Tokens;
        Kb.TryLookup(word, out _);
        Kb.TryGetRole("Nato-Generalsekretär", out _);
        gazetteer.Tag(doc.Text, tokens.AsSpan(), tags);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Kb.TryLookup(word, out _);
            Kb.TryLookup("US-Truppen", out _);
            Kb.TryLookup("Russlands", out _);
            Kb.TryGetRole("Nato-Generalsekretär", out _);
            Kb.FindPersons("Stoltenbergs", out _);
            Kb.Cue("sagte");
            gazetteer.Tag(doc.Text, tokens.AsSpan(), tags);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_gazetteer_finds_the_longest_form_over_tokens()
    {
        var doc = new Document("Das Weiße Haus und die Russische Föderation sowie Jens Stoltenberg und der Kremlchef.", "g", "g");
        GermanPipeline.Create(Stage.Segment).Process(doc);
        var gaz = new Gazetteer(Kb);
        var tokens = doc.Tokens.AsSpan();
        var found = new List<string>();
        for (int i = 0; i < tokens.Length; i++)
        {
            if (gaz.TryMatchAt(doc.Text, tokens, i, out var m))
            {
                found.Add($"{doc.Text[tokens[i].Start..tokens[i + m.Tokens - 1].End]}:{m.Type}:{m.Kind}");
                i += m.Tokens - 1;
            }
        }
        Assert.Equal(["Weiße Haus:Organisation:Name", "Russische Föderation:Location:Name", "Jens Stoltenberg:Person:Name", "Kremlchef:Person:Role"], found);
    }

    [Fact]
    public void A_data_file_that_names_an_unknown_actor_is_an_error_with_a_code()
    {
        var files = KnowledgeBase.FileKinds.Select(f => KnowledgeData.Load(f.File, f.Kind)).ToList();
        int i = files.FindIndex(f => f.Kind == "memberships");
        files[i] = DataFile.Parse("memberships.tsv", "#! depesche memberships 1\nZZ\torg:nato\tmember\t2020\t\n", "memberships");
        var ex = Assert.Throws<DepescheException>(() => KnowledgeBase.Load(files));
        Assert.Equal(ErrorCodes.KnowledgeDataInvalid, ex.Code);
        Assert.Contains("ZZ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gazetteer_tags_tokens_for_a_sequence_labeller()
    {
        var doc = new Document("Die Russische Föderation, die US-Truppen und Jens Stoltenberg sowie russische Diplomaten.", "g", "g");
        GermanPipeline.Create(Stage.Segment).Process(doc);
        var tags = new GazetteerTag[doc.Tokens.Length];
        new Gazetteer(Kb).Tag(doc.Text, doc.Tokens.AsSpan(), tags);
        Assert.Equal(
            ["O", "B-LOC-name", "I-LOC-name", "O", "O", "B-LOC-part", "O", "B-PER-name", "I-PER-name", "O", "B-LOC-deriv", "O", "O"],
            tags.Select(t => t.ToString()));
        Assert.True(tags[1].IsBegin);
        Assert.Equal(EntityType.Location, tags[2].Type);
        Assert.False(tags[2].IsBegin);
    }
}
