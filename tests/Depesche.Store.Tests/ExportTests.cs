using Depesche.Model;
using System.Text.Json;
using Depesche.Store;
using Parquet.Serialization;

namespace Depesche.Tests;

public sealed class ExportTests : IClassFixture<SampleStore>
{
    private readonly SampleStore _s;

    public ExportTests(SampleStore s)
    {
        _s = s;
    }

    private CliRun Export(string format, params string[] more) => CliRun.Of(["export", "--db", _s.Db, "--format", format, .. more]);

    [Fact]
    public void Jsonl_has_one_contract_object_per_report()
    {
        var run = Export("jsonl");
        Assert.Equal(0, run.Exit);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(31, lines.Length);
        foreach (var line in lines)
        {
            var doc = JsonDocument.Parse(line).RootElement;
            Assert.Equal(1, doc.GetProperty("schema").GetInt32());
            string text = doc.GetProperty("text").GetString()!;
            var runes = text.EnumerateRunes().ToArray();
            foreach (var q in doc.GetProperty("quotes").EnumerateArray())
            {
                int start = q.GetProperty("start").GetInt32(), end = q.GetProperty("end").GetInt32();
                Assert.Equal(q.GetProperty("text").GetString(), string.Concat(runes[start..end].Select(r => r.ToString())));
            }
        }
    }

    [Fact]
    public void Jsonl_of_a_store_equals_what_extract_writes()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.jsonl"), Samples.JsonLines(8));
        Assert.Equal(0, CliRun.Of("ingest", dir.File("in.jsonl"), "--db", dir.File("e.db"), "--progress", "none").Exit);
        var extract = CliRun.Of("extract", dir.File("in.jsonl"), "--format", "jsonl");
        var export = CliRun.Of("export", "--db", dir.File("e.db"), "--format", "jsonl");
        Assert.Equal(0, export.Exit);
        Assert.Equal(extract.Stdout, export.Stdout);
        // With tokens and the syntax layers (words, heads) too.
        var extractTokens = CliRun.Of("extract", dir.File("in.jsonl"), "--format", "jsonl", "--tokens");
        var exportTokens = CliRun.Of("export", "--db", dir.File("e.db"), "--format", "jsonl", "--tokens");
        Assert.Equal(extractTokens.Stdout, exportTokens.Stdout);
    }

    [Fact]
    public async Task Parquet_reads_back_with_every_report_and_layer()
    {
        using var dir = new TempDir();
        string file = dir.File("out.parquet");
        var run = Export("parquet", "--output", file);
        Assert.True(run.Exit == 0, run.Stderr);
        await using var stream = File.OpenRead(file);
        var result = await ParquetSerializer.DeserializeAsync<ParquetDocument>(stream);
        var rows = result.Data;
        Assert.Equal(31, rows.Count);
        var r0 = rows.Single(r => r.Id == "r00000");
        Assert.Equal(_s.Texts["r00000"], r0.Text);
        Assert.Equal(2, r0.Quotes.Count);
        Assert.Contains(r0.Entities, e => e.Canonical == "Angela Müller" && e.Type == "PER" && e.Mentions.Count == 2);
        Assert.Equal("2022-01-01", r0.Date);
    }

    [Fact]
    public void Gkg_rows_have_the_27_columns_and_offsets_that_point_at_the_names()
    {
        var run = Export("gkg");
        Assert.Equal(0, run.Exit);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(31, lines.Length);
        foreach (var line in lines)
        {
            Assert.Equal(Exports.GkgColumns.Count, line.Split('\t').Length);
        }
        var row = lines.Select(l => l.Split('\t')).Single(c => c[26].StartsWith("<DEPESCHE_ID>r00003</DEPESCHE_ID>", StringComparison.Ordinal));
        Assert.Matches(@"^\d{14}-\d+$", row[0]);
        Assert.StartsWith("20220104", row[1], StringComparison.Ordinal);
        Assert.Equal("dpa", row[3]);
        Assert.Equal("Angela Müller;Jürgen Weiß", row[11]);
        var runes = _s.Texts["r00003"].EnumerateRunes().ToArray();
        foreach (var block in row[12].Split(';'))
        {
            var parts = block.Split(',');
            int offset = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(parts[0], string.Concat(runes[offset..(offset + parts[0].EnumerateRunes().Count())].Select(r => r.ToString())));
        }
        Assert.Contains("Nato", row[13].Split(';'));
        Assert.Equal(2, row[22].Split('#').Length);
        Assert.Contains("|Das Bündnis muss jetzt handeln", row[22], StringComparison.Ordinal);
        // the speakers GDELT's quotation field lacks, one per quotation, at the same offsets
        var speakers = System.Text.RegularExpressions.Regex.Match(row[26], "<DEPESCHE_SPEAKERS>(.*)</DEPESCHE_SPEAKERS>").Groups[1].Value.Split('#');
        Assert.Equal(row[22].Split('#').Select(q => q.Split('|')[0]), speakers.Select(sp => sp.Split('|')[0]));
        Assert.Contains(speakers, sp => sp.Split('|')[2].Length > 0);
        Assert.Contains("1#0#0#2022#", row[16], StringComparison.Ordinal);
        Assert.Contains("103,Soldaten,", row[24], StringComparison.Ordinal);
    }

    [Fact]
    public void Conllu_has_every_token_of_every_sentence()
    {
        var run = Export("conllu");
        Assert.Equal(0, run.Exit);
        var stats = CliRun.Of("stats", "--db", _s.Db, "--format", "json").Json();
        var lines = run.Stdout.Split('\n');
        var tokenLines = lines.Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        // Tokens outside sentences (the header line, the dateline) belong to no CoNLL-U sentence.
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_s.Db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT sum(token_count) FROM sentences";
        Assert.Equal((long)cmd.ExecuteScalar()!, tokenLines.Count);
        Assert.True(tokenLines.Count < stats.GetProperty("tokens").GetInt32());
        Assert.Equal(stats.GetProperty("sentences").GetInt32(), lines.Count(l => l.StartsWith("# sent_id = ", StringComparison.Ordinal)));
        Assert.All(tokenLines, l => Assert.Equal(10, l.Split('\t').Length));
        Assert.Contains("1\tDie\t_\t_\t_\t_\t_\t_\t_\tTokenRange=", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("SpaceAfter=No", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conllu_and_parquet_of_the_full_pipeline_have_the_syntax_columns()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.jsonl"), Samples.JsonLines(3));
        Assert.Equal(0, CliRun.Of("ingest", dir.File("in.jsonl"), "--db", dir.File("e.db"), "--progress", "none").Exit);
        var run = CliRun.Of("export", "--db", dir.File("e.db"), "--format", "conllu");
        Assert.Equal(0, run.Exit);
        var lines = run.Stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        Assert.All(lines, c => Assert.Equal(10, c.Length));
        var words = lines.Where(c => !c[0].Contains('-', StringComparison.Ordinal)).ToList();
        // Every sentence has one root, and every head is a word of the sentence.
        Assert.Equal(CliRun.Of("stats", "--db", dir.File("e.db"), "--format", "json").Json().GetProperty("sentences").GetInt32(), words.Count(c => c[6] == "0"));
        Assert.All(words, c => Assert.NotEqual("_", c[3]));
        Assert.Contains(words, c => c[1] == "Soldaten" && c[3] == "NOUN");

        // Parquet carries the same words.
        string parquet = dir.File("e.parquet");
        Assert.Equal(0, CliRun.Of("export", "--db", dir.File("e.db"), "--format", "parquet", "-o", parquet).Exit);
        await using (var stream = File.OpenRead(parquet))
        {
            var rows = (await ParquetSerializer.DeserializeAsync<ParquetDocument>(stream)).Data;
            Assert.Contains(rows.SelectMany(r => r.Words), w => w.Form == "Soldaten" && w.Upos == "NOUN" && w.Deprel is not null);
        }

        // The words view gives the same words to SQL users.
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dir.File("e.db")};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*), sum(upos = 'NOUN' AND form = 'Soldaten'), sum(head = -1) FROM words";
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal(words.Count, r.GetInt64(0));
        Assert.Equal(words.Count(w => w[1] == "Soldaten" && w[3] == "NOUN"), r.GetInt64(1));
        Assert.Equal(words.Count(w => w[6] == "0"), r.GetInt64(2));
    }

    [Fact]
    public void Export_to_a_missing_folder_fails_cleanly()
    {
        var run = Export("jsonl", "--output", Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "x.jsonl"));
        Assert.NotEqual(0, run.Exit);
        Assert.Contains(ErrorCodes.WriteFailed, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }
}

public class ParquetRowTests
{
    [Fact]
    public void A_row_carries_origins_times_quantities_source_quotes_and_addressees()
    {
        const string text = "«Ihr müsst gehen», sagte sie dem Rat. Bei einem Anschlag starben 3 Menschen am Montag.";
        var doc = new Depesche.Model.Document(text, "p1", "test");
        TextRange Of(string s) => new(text.IndexOf(s, StringComparison.Ordinal), text.IndexOf(s, StringComparison.Ordinal) + s.Length);
        doc.Set(Depesche.Processing.Layers.Quotes, [new Quote(QuoteKind.Direct, Of("Ihr müsst gehen"), new ArgumentRef(null, Of("sie")), new Cue(Of("sagte"), "sagen"), new ArgumentRef(null, Of("dem Rat")))]);
        doc.Set(Depesche.Processing.Layers.Events,
        [
            new Event("REQUEST", "10", EventMode.Asserted, new ArgumentRef(null, Of("sie")), new ArgumentRef(null, Of("dem Rat"), ArgumentOrigin.Context), null, null, null, Of("müsst"), 0, 0),
            new Event("ASSAULT", "18", EventMode.Asserted, new ArgumentRef(null, new TextRange(Of("Anschlag").Start, Of("Anschlag").Start), ArgumentOrigin.Unknown), null, null, 0, 0, Of("Anschlag"), 1),
        ]);
        var row = ParquetExport.ToRow(doc);
        var q = Assert.Single(row.Quotes);
        Assert.Equal("dem Rat", q.Addressee);
        Assert.Null(row.Events[0].ActorOrigin);
        Assert.Equal("context", row.Events[0].TargetOrigin);
        Assert.Equal(0, row.Events[0].SourceQuote);
        Assert.Equal("unbekannt", row.Events[1].Actor);
        Assert.Equal("unknown", row.Events[1].ActorOrigin);
        Assert.Equal(0, row.Events[1].Time);
        Assert.Equal(0, row.Events[1].Quantity);
        Assert.Null(row.Events[1].SourceQuote);
    }
}
