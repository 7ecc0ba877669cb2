using Depesche.Knowledge.Linking;
using Depesche.Model;
using Depesche.Processing;
using static Depesche.Tests.LinkFixture;

namespace Depesche.Tests;

public class LinkerTests
{
    [Fact]
    public void A_surname_after_the_full_name_is_the_same_person()
    {
        var doc = Link("[Jens Stoltenberg|PER] kam nach [Brüssel|LOC]. Dort sagte [Stoltenberg|PER], die Lage sei ernst.", "2022-02-25");
        var e = EntityOf(doc, "Jens Stoltenberg");
        Assert.Same(e, EntityOf(doc, "Stoltenberg"));
        Assert.Equal("per:jens-stoltenberg", e.KnowledgeId);
        Assert.Equal(EntityType.Person, e.Type);
        Assert.Equal("loc:bruessel", EntityOf(doc, "Brüssel").KnowledgeId);
    }

    [Fact]
    public void A_person_the_knowledge_base_does_not_know_is_linked_by_surname_too()
    {
        var doc = Link("Die Ärztin [Anna Lindqvist|PER] berichtete von der Front. [Lindqvists|PER] Team arbeitet seit Tagen.", "2022-02-25");
        var e = EntityOf(doc, "Anna Lindqvist");
        Assert.Same(e, EntityOf(doc, "Lindqvists"));
        Assert.Null(e.KnowledgeId);
        Assert.Equal("Anna Lindqvist", e.Canonical);
    }

    [Fact]
    public void Two_people_who_share_a_surname_are_not_merged()
    {
        var doc = Link("[Joe Biden|PER] empfing seinen Sohn [Hunter Biden|PER] im Weißen Haus. Danach sprach [Jill Biden|PER] mit Reportern.", "2022-02-25");
        var joe = EntityOf(doc, "Joe Biden");
        var hunter = EntityOf(doc, "Hunter Biden");
        var jill = EntityOf(doc, "Jill Biden");
        Assert.NotSame(joe, hunter);
        Assert.NotSame(hunter, jill);
        Assert.NotSame(joe, jill);
        Assert.Equal("per:joe-biden", joe.KnowledgeId);
        Assert.Null(hunter.KnowledgeId);
        Assert.Equal(3, doc.Get(Layers.Entities).Count(e => e.Type == EntityType.Person));
    }

    [Fact]
    public void A_bare_surname_goes_to_the_person_of_that_name_mentioned_last()
    {
        var doc = Link("[Joe Biden|PER] traf [Hunter Biden|PER]. [Biden|PER] wirkte entspannt.", "2022-02-25");
        Assert.Same(EntityOf(doc, "Hunter Biden"), EntityOf(doc, "Biden"));
        Assert.NotSame(EntityOf(doc, "Joe Biden"), EntityOf(doc, "Biden"));
    }

    [Fact]
    public void A_title_before_a_name_becomes_the_persons_role()
    {
        var doc = Link("«Wir haben keine Pläne», sagte Generalsekretär [Jens Stoltenberg|PER] in [Brüssel|LOC].", "2022-02-25");
        var e = EntityOf(doc, "Jens Stoltenberg");
        Assert.Same(e, EntityOf(doc, "Generalsekretär"));
        var role = Assert.Single(FactsOf(doc, e), f => f.Kind == EntityFactKind.Role);
        Assert.Equal("org:nato", Assert.Single(FactsOf(doc, e), f => f.Kind == EntityFactKind.Represents).OfActor);
        Assert.Equal("Generalsekretär", role.Value);
        Assert.Equal("secretary-general", role.Office);
        Assert.Equal("org:nato", role.OfActor);
        Assert.Equal("Generalsekretär Jens Stoltenberg", doc.TextOf(role.Evidence));
        Assert.Contains(e.Mentions, m => m.Kind == MentionKind.Role);
    }

    [Fact]
    public void A_title_gives_an_unknown_person_a_role_and_gender()
    {
        var doc = Link("Bürgermeisterin Maria Muster und Präsidentin [Erika Beispiel|PER] trafen sich. «Es war gut», sagte sie.", "2022-02-25");
        var e = EntityOf(doc, "Erika Beispiel");
        Assert.Equal("Präsidentin", Assert.Single(FactsOf(doc, e)).Value);
        Assert.DoesNotContain(FactsOf(doc, e), f => f.Kind == EntityFactKind.Represents);
        Assert.Same(e, EntityOf(doc, "sie"));
    }

    [Theory]
    [InlineData("2022-02-25", "Wladimir Putin", "per:wladimir-putin")]
    [InlineData("2022-02", "Wladimir Putin", "per:wladimir-putin")]
    public void A_role_noun_alone_is_resolved_by_the_reports_date(string date, string canonical, string kb)
    {
        var doc = Link("Der Kremlchef ordnete die Mobilmachung an. [Moskau|ORG] schwieg zunächst, in [Kiew|LOC] heulten die Sirenen.", date);
        var e = EntityOf(doc, "Kremlchef");
        Assert.Equal(canonical, e.Canonical);
        Assert.Equal(kb, e.KnowledgeId);
        Assert.Equal(MentionKind.Role, Assert.Single(e.Mentions).Kind);
        Assert.Equal("RU", Assert.Single(FactsOf(doc, e), f => f.Kind == EntityFactKind.Role).OfActor);
        Assert.Equal("RU", Assert.Single(FactsOf(doc, EntityOf(doc, "Moskau")), f => f.Kind == EntityFactKind.Represents).OfActor);
        Assert.Empty(FactsOf(doc, EntityOf(doc, "Kiew")));
    }

    [Theory]
    [InlineData("2022-02-25", "Jens Stoltenberg")]
    [InlineData("2025-01-01", "Mark Rutte")]
    public void A_compound_role_noun_takes_its_actor_from_the_prefix(string date, string canonical)
    {
        var doc = Link("Der Nato-Generalsekretär warnte vor einer Eskalation.", date);
        Assert.Equal(canonical, EntityOf(doc, "Nato-Generalsekretär").Canonical);
    }

    [Theory]
    [InlineData("2022-02-25", "Mario Draghi")]
    [InlineData("2023-03-01", "Giorgia Meloni")]
    public void A_role_noun_takes_its_actor_from_an_adjective_before_it(string date, string canonical)
    {
        var doc = Link("Der [italienische|LOC-deriv] Regierungschef sprach in [Rom|LOC].", date);
        Assert.Equal(canonical, EntityOf(doc, "Regierungschef").Canonical);
        Assert.Equal("IT", EntityOf(doc, "italienische").KnowledgeId);
    }

    [Fact]
    public void A_role_noun_without_actor_goes_to_the_last_person_who_holds_it()
    {
        var doc = Link("[Mario Draghi|PER] sprach mit [Olaf Scholz|PER]. Der Regierungschef kündigte Hilfen an.", "2022-02-25");
        // Both are heads of government; the role noun goes to the one mentioned last.
        Assert.Same(EntityOf(doc, "Olaf Scholz"), EntityOf(doc, "Regierungschef"));
    }

    [Fact]
    public void A_former_holder_is_not_resolved_by_date()
    {
        var doc = Link("Der frühere Kremlchef schwieg.", "2022-02-25");
        Assert.False(HasMention(doc, "Kremlchef"));
    }

    [Fact]
    public void The_age_description_goes_to_the_person_whose_age_fits()
    {
        // Draghi was 74 on that day, Scholz 63: the description skips the more recent Scholz.
        var doc = Link("[Mario Draghi|PER] telefonierte mit [Olaf Scholz|PER]. Der 74-Jährige hält eine Einigung für schwierig.", "2022-02-25");
        var e = EntityOf(doc, "Der 74-Jährige");
        Assert.Equal("Mario Draghi", e.Canonical);
        var age = Assert.Single(FactsOf(doc, e), f => f.Kind == EntityFactKind.Age);
        Assert.Equal("74", age.Value);
    }

    [Fact]
    public void The_age_description_of_an_unknown_person_goes_to_the_most_recent_compatible_one()
    {
        var doc = Link("[Erika Beispiel|PER] traf [Hans Muster|PER]. Der 52-Jährige lobte das Treffen.", "2022-02-25");
        Assert.Same(EntityOf(doc, "Hans Muster"), EntityOf(doc, "Der 52-Jährige"));
    }

    [Fact]
    public void A_pronoun_subject_of_a_speech_verb_is_the_last_speaker()
    {
        var doc = Link("«Solange [Russland|LOC] das weiß, greifen sie nicht an», sagte [Stoltenberg|PER] in einer Pressekonferenz. «Wir sind das stärkste Bündnis», fügte er hinzu.", "2022-02-25");
        Assert.Same(EntityOf(doc, "Stoltenberg"), EntityOf(doc, "er"));
        Assert.Contains(EntityOf(doc, "er").Mentions, m => m.Kind == MentionKind.Pronoun && doc.TextOf(m.Range) == "er");
    }

    [Fact]
    public void A_pronoun_subject_does_not_mean_a_person_named_in_its_own_sentence()
    {
        var doc = Link("[Draghi|PER] erklärte, die [Ukraine|LOC] verdiene Hilfe. Kremlchef [Wladimir Putin|PER] rief er dazu auf, die Kämpfe zu beenden.", "2022-02-25");
        Assert.Equal("Mario Draghi", EntityOf(doc, "er").Canonical);
        var putin = EntityOf(doc, "Wladimir Putin");
        Assert.Equal("Kremlchef", Assert.Single(FactsOf(doc, putin), f => f.Kind == EntityFactKind.Role).Value);
    }

    [Fact]
    public void A_feminine_pronoun_skips_a_man()
    {
        var doc = Link("[Annalena Baerbock|PER] traf [Sergej Lawrow|PER] in [Moskau|LOC]. «Wir bleiben im Gespräch», sagte sie.", "2022-01-18");
        Assert.Equal("Annalena Baerbock", EntityOf(doc, "sie").Canonical);
    }

    [Fact]
    public void Derived_adjectives_and_inhabitants_point_at_their_country()
    {
        var doc = Link("Die [russische|LOC-deriv] Regierung schwieg. [Russland|LOC] und die [Russen|LOC-deriv] blieben bei ihrer Linie. Die [russischen|LOC-deriv] Truppen rückten vor.", "2022-02-25");
        var ru = EntityOf(doc, "Russland");
        Assert.Equal("RU", ru.KnowledgeId);
        Assert.Equal(EntityType.Location, ru.Type);
        Assert.Same(ru, EntityOf(doc, "russische"));
        Assert.Same(ru, EntityOf(doc, "russischen"));
        Assert.Same(ru, EntityOf(doc, "Russen"));
        Assert.Equal(3, ru.Mentions.Count(m => m.Kind == MentionKind.Deriv));
    }

    [Fact]
    public void Compounds_point_at_their_entity_as_parts()
    {
        var doc = Link("Erste [US-Truppen|LOC-part] sind in [Lettland|LOC] eingetroffen. Die [Nato-Staaten|ORG-part] beraten, die [Nato|ORG] will die [Ukraine-Krise|LOC-part] entschärfen.", "2022-02-25");
        var us = EntityOf(doc, "US-Truppen");
        Assert.Equal("US", us.KnowledgeId);
        Assert.Equal("USA", us.Canonical);
        Assert.Equal(MentionKind.Part, Assert.Single(us.Mentions).Kind);
        Assert.Same(EntityOf(doc, "Nato"), EntityOf(doc, "Nato-Staaten"));
        Assert.Equal("UA", EntityOf(doc, "Ukraine-Krise").KnowledgeId);
    }

    [Fact]
    public void An_anaphoric_name_counts_only_where_the_report_names_the_organisation()
    {
        var with = Link("Die [Nato|ORG] berät. Das Bündnis will die Ostflanke stärken, sagte ein Sprecher des Bündnisses.", "2022-02-25");
        var nato = EntityOf(with, "Nato");
        Assert.Same(nato, EntityOf(with, "Bündnis"));
        Assert.Same(nato, EntityOf(with, "Bündnisses"));
        Assert.Equal("org:nato", nato.KnowledgeId);

        var without = Link("Das Bündnis der Gewerkschaften ruft zum Streik auf.", "2022-02-25");
        Assert.False(HasMention(without, "Bündnis"));
    }

    [Fact]
    public void A_force_and_its_alias_are_linked_to_the_knowledge_base()
    {
        var doc = Link("Die [VJTF|ORG], intern «Speerspitze» genannt, gehört zur [NRF|ORG]; derzeit führt sie [Frankreich|LOC].", "2022-02-25");
        Assert.Equal("org:nato-nrf", EntityOf(doc, "NRF").KnowledgeId);
        var vjtf = EntityOf(doc, "VJTF");
        Assert.Equal("org:nato-vjtf", vjtf.KnowledgeId);
        Assert.Same(vjtf, EntityOf(doc, "Speerspitze"));
    }

    [Fact]
    public void A_seat_of_power_is_its_own_entity_that_stands_for_a_government()
    {
        var doc = Link("Der [Kreml|ORG] wies die Vorwürfe zurück, auch das [Weiße Haus|ORG] äußerte sich.", "2022-02-25");
        var kreml = EntityOf(doc, "Kreml");
        Assert.Equal("loc:kreml", kreml.KnowledgeId);
        Assert.Equal("RU", Knowledge.KnowledgeBase.Default[kreml.KnowledgeId!]!.Parent);
        Assert.Equal("loc:weisses-haus", EntityOf(doc, "Weiße Haus").KnowledgeId);
        Assert.Equal("US", Assert.Single(FactsOf(doc, EntityOf(doc, "Weiße Haus"))).OfActor);
    }

    [Fact]
    public void Entities_are_ordered_by_first_mention_and_numbered()
    {
        var doc = Link("[Italien|LOC] und [Frankreich|LOC] helfen. [Italiens|LOC] Beitrag wächst.", "2022-02-25");
        var entities = doc.Get(Layers.Entities);
        Assert.Equal(2, entities.Length);
        Assert.Equal(["Italien", "Frankreich"], entities.Select(e => e.Canonical));
        Assert.Equal([0, 1], entities.Select(e => e.Id));
        Assert.Equal(2, entities[0].Mentions.Count);
    }

    [Fact]
    public void Without_a_date_role_nouns_stay_unresolved_but_names_still_link()
    {
        var doc = Link("Der Kremlchef und [Wladimir Putin|PER].", null);
        Assert.False(HasMention(doc, "Kremlchef"));
        Assert.Equal("per:wladimir-putin", EntityOf(doc, "Wladimir Putin").KnowledgeId);
    }

    [Fact]
    public void The_last_speaker_stays_the_speaker_within_one_sentence()
    {
        var doc = Link("«Wir müssen helfen», sagte [Friedrich Merz|PER] in [Berlin|LOC], «und zwar schnell», fügte er hinzu.", "2025-06-01");
        Assert.Same(EntityOf(doc, "Friedrich Merz"), EntityOf(doc, "er"));
    }

    [Fact]
    public void A_masculine_role_noun_after_die_is_a_plural_group_not_a_person()
    {
        var doc = Link("[Annalena Baerbock|PER] reiste ab. Die Außenminister der [G7|ORG] berieten ohne Ergebnis.", "2022-02-25");
        Assert.False(HasMention(doc, "Außenminister"));
    }

    [Theory]
    [InlineData("Der Präsident der [Ukraine|LOC] bat um Hilfe.", "Präsident", "Wolodymyr Selenskyj")]
    [InlineData("Der Generalsekretär der [Nato|ORG] warnte.", "Generalsekretär", "Jens Stoltenberg")]
    [InlineData("[Italiens|LOC] Regierungschef warnte.", "Regierungschef", "Mario Draghi")]
    public void A_role_noun_takes_its_actor_from_a_genitive(string marked, string role, string canonical)
    {
        var doc = Link(marked, "2022-02-25");
        Assert.Equal(canonical, EntityOf(doc, role).Canonical);
    }

    [Fact]
    public void A_generic_role_noun_needs_an_actor()
    {
        var doc = Link("[Olaf Scholz|PER] kam. Der Chef der Gewerkschaft protestierte, die IWF-Chefin warnte.", "2022-02-25");
        Assert.False(HasMention(doc, "Chef"));
        Assert.Equal("Kristalina Georgiewa", EntityOf(doc, "IWF-Chefin").Canonical);
    }

    [Theory]
    [InlineData("Außenminister der [Nato-Staaten|ORG-part] beraten in Brüssel.")]
    [InlineData("Die Treffen der Regierungschefs dauerten lange.")]
    [InlineData("Regierungschef sein ist schwer.")]
    public void A_role_noun_without_actor_and_without_a_singular_article_means_nobody(string sentence)
    {
        var doc = Link("[Mario Draghi|PER] sprach in [Rom|LOC]. " + sentence, "2022-02-25");
        Assert.DoesNotContain(EntityOf(doc, "Mario Draghi").Mentions, m => m.Kind == MentionKind.Role);
    }

    [Fact]
    public void A_bare_surname_links_to_the_knowledge_base_only_for_someone_in_office_at_the_date()
    {
        var doc = Link("[Lawrow|PER] traf [Schmid|PER] in [Wien|LOC].", "2016-05-01");
        Assert.Equal("per:sergej-lawrow", EntityOf(doc, "Lawrow").KnowledgeId);
        Assert.Null(EntityOf(doc, "Schmid").KnowledgeId);
        var later = Link("Außenminister [Lawrow|PER] traf [Schmid|PER] in [Wien|LOC].", "2022-01-10");
        Assert.Equal("per:helga-schmid", EntityOf(later, "Schmid").KnowledgeId);
        Assert.Equal("Außenminister", Assert.Single(FactsOf(later, EntityOf(later, "Lawrow")), f => f.Kind == EntityFactKind.Role).Value);
    }

    [Fact]
    public void A_role_compound_is_a_part_of_its_country_and_names_the_office_holder()
    {
        var doc = Link("Der [US-Präsident|LOC-part] warnte [Moskau|LOC].", "2022-02-25");
        var mentions = doc.Get(Layers.Entities).SelectMany(e => e.Mentions.Select(m => (e, m))).Where(x => doc.TextOf(x.m.Range) == "US-Präsident").ToList();
        Assert.Contains(mentions, x => x.e.KnowledgeId == "US" && x.m.Kind == MentionKind.Part);
        Assert.Contains(mentions, x => x.e.KnowledgeId == "per:joe-biden" && x.m.Kind == MentionKind.Role);
    }

    [Fact]
    public void An_inhabitant_noun_after_a_singular_article_describes_the_last_person_of_that_country()
    {
        var doc = Link("[Jens Stoltenberg|PER] traf [Olaf Scholz|PER]. Der [Norweger|LOC-deriv] lobte die [deutsche|LOC-deriv] Hilfe.", "2022-02-25");
        var stoltenberg = EntityOf(doc, "Jens Stoltenberg");
        Assert.Same(stoltenberg, EntityOf(doc, "Der Norweger"));
        Assert.Equal("NO", EntityOf(doc, "Norweger").KnowledgeId);

        var plural = Link("[Jens Stoltenberg|PER] kam. Die [Norweger|LOC-deriv] jubelten.", "2022-02-25");
        Assert.False(HasMention(plural, "Die Norweger"));
    }

    [Fact]
    public void Candidates_outside_the_text_or_inside_a_token_are_skipped()
    {
        var doc = new Document("Die Nato berät in Brüssel.", "t", "t", new PartialDate(2022, 2, 25));
        Depesche.German.GermanPipeline.Create(Depesche.German.Stage.Segment).Process(doc);
        doc.Set(Layers.EntityMentions, [
            new MentionCandidate(new TextRange(4, 8), EntityType.Organisation, MentionKind.Name),
            new MentionCandidate(new TextRange(5, 7), EntityType.Organisation, MentionKind.Name),
            new MentionCandidate(new TextRange(20, 99), EntityType.Location, MentionKind.Name),
            new MentionCandidate(new TextRange(9, 9), EntityType.Location, MentionKind.Name),
        ]);
        new EntityLinker().Process(doc);
        var e = Assert.Single(doc.Get(Layers.Entities));
        Assert.Equal("org:nato", e.KnowledgeId);
    }
}

public class LinkerGenderTests
{
    [Fact]
    public void A_pronoun_takes_the_last_person_whose_first_name_fits_it()
    {
        var doc = LinkFixture.Link("[Anna Kreuzer|PER] lud die Gewerkschaften ein. [Markus Feld|PER] begrüßte das. Er sagte, das sei gut. Sie antwortete, sie freue sich.", "2024-02-20");
        Assert.Equal("Markus Feld", LinkFixture.EntityOf(doc, "Er").Canonical);
        Assert.Equal("Anna Kreuzer", LinkFixture.EntityOf(doc, "Sie").Canonical);
    }

    [Fact]
    public void A_feminine_role_noun_is_not_the_man_in_office()
    {
        var doc = LinkFixture.Link("Die Kanzlerin traf die Gewerkschaften.", "2024-02-20");
        Assert.False(LinkFixture.HasMention(doc, "Kanzlerin"));
    }
}
