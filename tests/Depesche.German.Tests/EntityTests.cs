using Depesche.German;
using Depesche.German.Entities;
using Depesche.German.Syntax;
using Depesche.Learning;
using Depesche.Learning.Clustering;
using Depesche.Learning.Sequence;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests;

public class EntityTests
{
    private static Document Run(string text)
    {
        var doc = GermanPipeline.Create(Stage.Entities).Process(new Document(text, "test", "test"));
        Invariants.Check(doc);
        return doc;
    }

    /// <summary>A small corpus in GermEval form, written here.</summary>
    private const string SmallCorpus = """
        #	test
        1	Angela	B-PER
        2	Merkel	I-PER
        3	reiste	O
        4	nach	O
        5	Paris	B-LOC
        6	.	O

        #	test
        1	Die	O
        2	Nato	B-ORG
        3	tagte	O
        4	in	O
        5	Brüssel	B-LOC
        6	.	O

        #	test
        1	Der	O
        2	französische	B-LOCderiv
        3	Präsident	O
        4	traf	O
        5	Vertreter	O
        6	der	O
        7	EU-Staaten	B-ORGpart
        8	.	O

        """;

    private static string WriteCorpus()
    {
        string path = Path.Combine(Path.GetTempPath(), $"depesche-ner-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, SmallCorpus.Replace("        ", ""));
        return path;
    }

    [Fact]
    public void Training_the_recogniser_twice_gives_byte_identical_models()
    {
        string path = WriteCorpus();
        try
        {
            var sentences = NerCorpus.Read(path, out bool germEval);
            Assert.True(germEval);
            Assert.Equal(3, sentences.Count);
            var labels = new BioLabels(EntityLabels.Types);
            var examples = EntityRecognizer.Prepare(sentences, SyntaxModels.DefaultTagger, Gazetteer.Default, labels);
            var a = ModelFile.ToBytes(EntityRecognizer.Train(examples, seed: 5, epochs: 3));
            var b = ModelFile.ToBytes(EntityRecognizer.Train(examples, seed: 5, epochs: 3));
            Assert.Equal(a, b);
            // The trained model reads back and labels its training sentences right.
            var recognizer = EntityRecognizer.FromModel(ModelFile.Read(a, "test", EntityRecognizer.FeatureSetId), SyntaxModels.DefaultLexicon);
            var tokens = sentences[1].Tokens.Select(t => t.AsMemory()).ToArray();
            var predicted = new int[tokens.Length];
            recognizer.Recognize(SyntaxModels.DefaultTagger, tokens, predicted);
            Assert.Equal(sentences[1].Labels, predicted.Select(p => recognizer.Labels.Labels[p]).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_model_trained_with_word_classes_and_a_beam_carries_both_and_labels_its_training_sentences()
    {
        string path = WriteCorpus();
        try
        {
            var sentences = NerCorpus.Read(path);
            var clusters = WordClusters.Train(sentences.Select(s => s.Tokens), 1, [4, 2], 5, seed: 1);
            var labels = new BioLabels(EntityLabels.Types);
            var examples = EntityRecognizer.Prepare(sentences, SyntaxModels.DefaultTagger, Gazetteer.Default, labels, clusters: clusters);
            var plain = EntityRecognizer.Prepare(sentences, SyntaxModels.DefaultTagger, Gazetteer.Default, labels);
            // The word classes add features to every token.
            Assert.True(examples.Zip(plain).All(p => p.First.Features.Length > p.Second.Features.Length));
            var bytes = ModelFile.ToBytes(EntityRecognizer.Train(examples, seed: 2, epochs: 10, clusters: clusters, beam: 3));
            Assert.Equal(bytes, ModelFile.ToBytes(EntityRecognizer.Train(examples, seed: 2, epochs: 10, clusters: clusters, beam: 3)));
            var model = ModelFile.Read(bytes, "test", EntityRecognizer.FeatureSetId);
            Assert.NotNull(model.Section(EntityRecognizer.ClustersSection));
            Assert.Equal(new byte[] { 3 }, model.Section(GreedySequenceModel.BeamSection));
            var recognizer = EntityRecognizer.FromModel(model, SyntaxModels.DefaultLexicon);
            foreach (var s in sentences)
            {
                var tokens = s.Tokens.Select(t => t.AsMemory()).ToArray();
                var predicted = new int[tokens.Length];
                recognizer.Recognize(SyntaxModels.DefaultTagger, tokens, predicted);
                Assert.Equal(s.Labels, predicted.Select(p => recognizer.Labels.Labels[p]).ToArray());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Corpora_of_other_formats_map_to_germeval_types()
    {
        string conll = Path.Combine(Path.GetTempPath(), $"depesche-ner-{Guid.NewGuid():N}.conll");
        File.WriteAllText(conll, "-DOCSTART-\t_\tO\n\nSiemens\t_\tB-ORGANIZATION_COMPANY\nbaut\t_\tO\nin\t_\tO\nBad\t_\tB-LOCATION_CITY\nTölz\t_\tI-LOCATION_CITY\n#Stau\t_\tB-TRIGGER\nam\t_\tO\nMontag\t_\tB-DATE\n");
        string hipe = Path.Combine(Path.GetTempPath(), $"depesche-ner-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(hipe, "TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tNE-FINE-LIT\tNE-FINE-METO\tNE-FINE-COMP\tNE-NESTED\tNEL-LIT\tNEL-METO\tMISC\n# hipe2022:document_id = x\nKaiser\tB-pers\t_\t_\t_\t_\t_\t_\t_\t_\nWilhelm\tI-pers\t_\t_\t_\t_\t_\t_\t_\tEndOfSentence\nWien\tB-loc\t_\t_\t_\t_\t_\t_\t_\t_\n");
        try
        {
            var c = NerCorpus.Read(conll, out bool g1);
            Assert.False(g1);
            Assert.Single(c);
            Assert.Equal(new[] { "B-ORG", "O", "O", "B-LOC", "I-LOC", "O", "O", "O" }, c[0].Labels);
            Assert.Equal("#Stau", c[0].Tokens[5]);
            var h = NerCorpus.Read(hipe);
            Assert.Equal(2, h.Count);
            Assert.Equal(new[] { "B-PER", "I-PER" }, h[0].Labels);
            Assert.Equal(new[] { "B-LOC" }, h[1].Labels);
        }
        finally
        {
            File.Delete(conll);
            File.Delete(hipe);
        }
    }

    [Fact]
    public void A_bad_germeval_label_is_DEP0150_with_file_and_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"depesche-ner-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, "#\tx\n1\tBerlin\tB-CITY\tO\n");
        try
        {
            var ex = Assert.Throws<DepescheException>(() => NerCorpus.Read(path));
            Assert.Equal(ErrorCodes.NerDataInvalid, ex.Code);
            Assert.Contains(":2:", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_damaged_or_foreign_model_file_is_a_coded_error()
    {
        string path = Path.Combine(Path.GetTempPath(), $"depesche-ner-{Guid.NewGuid():N}.dpm");
        try
        {
            File.WriteAllBytes(path, "DPSM-not-really-a-model"u8.ToArray());
            var damaged = Assert.Throws<DepescheException>(() => EntityModels.Load(path, SyntaxModels.DefaultLexicon));
            Assert.Equal(ErrorCodes.ModelInvalid, damaged.Code);

            ModelFile.Save(SyntaxModels.DefaultParser.Model, path);
            var foreign = Assert.Throws<DepescheException>(() => EntityModels.Load(path, SyntaxModels.DefaultLexicon));
            Assert.Equal(ErrorCodes.ModelMismatch, foreign.Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_gazetteer_finds_names_genitives_adjectives_and_multiword_names()
    {
        var g = Gazetteer.Default;
        Assert.True(g.Count > 300);
        static string Match(IGazetteer g, params string[] words)
        {
            var tokens = words.Select(w => w.AsMemory()).ToArray();
            int n = g.LongestMatch(tokens, 0, out var hit);
            return n == 0 ? "none" : $"{n}:{hit.Label}";
        }
        Assert.Equal("1:LOC", Match(g, "Russlands"));
        Assert.Equal("1:LOCderiv", Match(g, "russischen"));
        Assert.Equal("2:ORG", Match(g, "Vereinte", "Nationen", "tagten"));
        Assert.Equal("none", Match(g, "Vereinte"));
        Assert.Equal("none", Match(g, "russischste"));
    }

    [Fact]
    public void The_simple_grouper_makes_one_entity_per_text_and_type()
    {
        var doc = Run("Die Nato tagte in Brüssel. Die Nato will reden, sagte Jens Stoltenberg in Brüssel.");
        var mentions = doc.GetOrEmpty(Layers.EntityMentions);
        var entities = doc.GetOrEmpty(Layers.Entities);
        Assert.NotEmpty(mentions);
        Assert.Equal(mentions.Length, entities.Sum(e => e.Mentions.Count));
        Assert.Equal(entities.Length, entities.Select(e => (e.Canonical, e.Type)).Distinct().Count());
        foreach (var e in entities)
        {
            Assert.All(e.Mentions, m => Assert.Equal(e.Canonical, doc.TextOf(m.Range)));
        }
        Assert.All(mentions, m => Assert.InRange(m.Confidence, 0f, 1f));
    }

    [Fact]
    public void Entities_need_words_before_them()
    {
        var ex = Assert.Throws<DepescheException>(() => Pipeline.CreateBuilder()
            .Add(new Depesche.German.Segmentation.SegmenterComponent())
            .Add(new EntityRecognizerComponent())
            .Build());
        Assert.Equal(ErrorCodes.PipelineOrder, ex.Code);
    }

    [SharedDataFact]
    public void The_seed_report_yields_its_key_names_with_the_right_types()
    {
        var doc = Run(SharedData.SeedText);
        var found = doc.GetOrEmpty(Layers.EntityMentions)
            .Select(m => (Text: doc.TextOf(m.Range), Label: EntityLabels.Label(m.Type, m.Kind)))
            .ToHashSet();
        string[] expected =
        [
            "Jens Stoltenberg|PER", "Mario Draghi|PER", "Wladimir Putin|PER", "Wolodymyr Selenskyj|PER",
            "Nato|ORG", "Brüssel|LOC", "Ukraine|LOC", "Russland|LOC", "Lettland|LOC",
            "russische|LOCderiv", "ukrainischen|LOCderiv", "Nato-Staaten|ORGpart",
        ];
        var missing = expected.Where(e => !found.Contains((e.Split('|')[0], e.Split('|')[1]))).ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing));
    }
}

public class EntityTitleTests
{
    [Theory]
    [InlineData("Bundesfinanzminister Christian Lindner sprach im Bundestag.", "Christian Lindner")]
    [InlineData("Ministerpräsidentin Manuela Schwesig reiste nach Rostock.", "Manuela Schwesig")]
    public void A_title_before_a_name_is_not_part_of_the_person(string text, string person)
    {
        var doc = Depesche.German.GermanPipeline.Create(Depesche.German.Stage.Entities).Process(new Document(text, "t", "test"));
        Invariants.Check(doc);
        var e = Assert.Single(doc.GetOrEmpty(Layers.Entities), x => x.Type == EntityType.Person);
        Assert.Equal(person, e.Canonical);
        Assert.All(e.Mentions.Where(m => m.Kind == MentionKind.Name), m => Assert.Equal(person, doc.TextOf(m.Range)));
    }
}
