using System.Globalization;
using System.Text;
using System.Text.Json;
using Depesche.Model;
using Depesche.Output;
using Depesche.Processing;

namespace Depesche.Store;

/// <summary>
/// Writes a whole store in other formats: JSON Lines (the OUTPUT.md contract, one report a line),
/// CoNLL-U (tokens per sentence), and GDELT GKG 2.1 tab-separated rows. All offsets are code points.
/// </summary>
public static class Exports
{
    /// <summary>One object per line, exactly what <c>depesche extract --format jsonl</c> writes.</summary>
    /// <param name="extensions">The JSON writer extensions <c>extract</c> uses (they read layers the store keeps, such as the syntax layers).</param>
    public static int WriteJsonLines(CorpusStore store, Stream output, bool includeTokens = false, IReadOnlyList<DocumentJsonWriter.Extension>? extensions = null)
    {
        var options = new JsonWriteOptions { IncludeTokens = includeTokens };
        int n = 0;
        using var writer = new Utf8JsonWriter(output, DocumentJsonWriter.WriterOptions(indented: false));
        store.Run(() =>
        {
            foreach (var doc in DocumentLoader.LoadAll(store))
            {
                DocumentJsonWriter.Write(writer, doc, options, extensions);
                writer.Flush();
                writer.Reset();
                output.Write("\n"u8);
                n++;
            }
        });
        return n;
    }

    /// <summary>
    /// CoNLL-U: one block per sentence with <c># sent_id</c> and <c># text</c>. With the syntax layers,
    /// one line per word (contractions as a range line and their words) with LEMMA, UPOS, XPOS, FEATS,
    /// and HEAD and DEPREL when the report was parsed; without them, one line per token and <c>_</c>.
    /// MISC has <c>TokenRange=start:end</c> (code points of the report) and <c>SpaceAfter=No</c>.
    /// </summary>
    public static int WriteConllu(CorpusStore store, TextWriter output)
    {
        int n = 0;
        store.Run(() =>
        {
            foreach (var doc in DocumentLoader.LoadAll(store))
            {
                WriteConllu(doc, output);
                n++;
            }
        });
        return n;
    }

    public static void WriteConllu(Document doc, TextWriter output)
    {
        var map = new CodePointMap(doc.Text);
        var tokens = doc.Tokens;
        doc.TryGet(Layers.Words, out var words);
        doc.TryGet(Layers.Dependencies, out var deps);
        bool hasWords = !words.IsDefault && words.Length > 0;
        bool parsed = hasWords && !deps.IsDefault && deps.Length == words.Length;
        output.Write("# newdoc id = ");
        output.Write(OneLine(doc.Id));
        output.Write('\n');
        var sentences = doc.Sentences;
        int firstWord = 0;
        for (int s = 0; s < sentences.Length; s++)
        {
            var sent = sentences[s];
            output.Write("# sent_id = ");
            output.Write(OneLine(doc.Id));
            output.Write('-');
            output.Write((s + 1).ToString(CultureInfo.InvariantCulture));
            output.Write("\n# text = ");
            output.Write(OneLine(doc.TextOf(sent.Range)));
            output.Write('\n');
            if (!hasWords)
            {
                for (int t = sent.FirstToken; t < sent.EndToken && t < tokens.Length; t++)
                {
                    WriteLine(output, (t - sent.FirstToken + 1).ToString(CultureInfo.InvariantCulture), doc.TextOf(tokens[t].Range), "_", "_", "_", "_", "_", "_",
                        Misc(map, tokens[t], t == sent.EndToken - 1));
                }
            }
            else
            {
                while (firstWord < words.Length && words[firstWord].Token < sent.FirstToken)
                {
                    firstWord++;
                }
                int end = firstWord;
                while (end < words.Length && words[end].Token < sent.EndToken)
                {
                    end++;
                }
                for (int i = firstWord; i < end; i++)
                {
                    var word = words[i];
                    var tok = tokens[word.Token];
                    int id = i - firstWord + 1;
                    int last = i;
                    while (last + 1 < end && words[last + 1].Token == word.Token)
                    {
                        last++;
                    }
                    string misc = Misc(map, tok, word.Token == sent.EndToken - 1);
                    if (last > i)
                    {
                        // A contraction (im = in dem): the token as a range line, then its words.
                        WriteLine(output, $"{id}-{last - firstWord + 1}", doc.TextOf(tok.Range), "_", "_", "_", "_", "_", "_", misc);
                        misc = "_";
                    }
                    for (int j = i; j <= last; j++)
                    {
                        var wj = words[j];
                        string head = "_", deprel = "_";
                        if (parsed)
                        {
                            head = deps[j].IsRoot ? "0" : (deps[j].Head - firstWord + 1).ToString(CultureInfo.InvariantCulture);
                            deprel = deps[j].Deprel;
                        }
                        WriteLine(output, (j - firstWord + 1).ToString(CultureInfo.InvariantCulture), wj.FormIn(doc), wj.LemmaIn(doc), wj.Upos, wj.Xpos,
                            string.IsNullOrEmpty(wj.Feats) ? "_" : wj.Feats, head, deprel, last > i ? "_" : misc);
                    }
                    i = last;
                }
                firstWord = end;
            }
            output.Write('\n');
        }
    }

    private static string Misc(CodePointMap map, TokenInfo tok, bool lastInSentence)
    {
        string range = "TokenRange=" + map.ToCodePoint(tok.Start).ToString(CultureInfo.InvariantCulture) + ":" + map.ToCodePoint(tok.End).ToString(CultureInfo.InvariantCulture);
        return !tok.SpaceAfter && !lastInSentence ? range + "|SpaceAfter=No" : range;
    }

    private static void WriteLine(TextWriter output, string id, string form, string lemma, string upos, string xpos, string feats, string head, string deprel, string misc)
    {
        output.Write(id);
        foreach (string column in (ReadOnlySpan<string>)[OneLine(form), OneLine(lemma), upos, xpos, feats, head, deprel, "_", misc])
        {
            output.Write('\t');
            output.Write(column);
        }
        output.Write('\n');
    }

    /// <summary>The 27 columns of a GDELT GKG 2.1 row, in order.</summary>
    public static readonly IReadOnlyList<string> GkgColumns =
    [
        "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME", "V2DOCUMENTIDENTIFIER",
        "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS", "V2ENHANCEDLOCATIONS",
        "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE",
        "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS",
        "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS", "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML",
    ];

    /// <summary>
    /// GDELT GKG 2.1: one tab-separated row of 27 columns per report, no header (as GDELT's own files).
    /// Depesche fills the record id and date, source, document identifier, persons, organisations and
    /// locations (plain and with offsets), dates, quotations, all names and amounts; the columns it
    /// has nothing for (themes, tone, GCAM, images, counts) are empty. Locations have no geocoding:
    /// type 0 and empty coordinates.
    /// </summary>
    public static int WriteGkg(CorpusStore store, TextWriter output)
    {
        int n = 0;
        string now = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        store.Run(() =>
        {
            foreach (var doc in DocumentLoader.LoadAll(store))
            {
                n++;
                var map = new CodePointMap(doc.Text);
                var date = PreparedDocument.DayBounds(doc.Date) is { } b ? b.First.Replace("-", "", StringComparison.Ordinal) + "000000" : now;
                var entities = doc.GetOrEmpty(Layers.Entities);
                var cols = new string[27];
                Array.Fill(cols, string.Empty);
                cols[0] = date + "-" + n.ToString(CultureInfo.InvariantCulture);
                cols[1] = date;
                cols[2] = doc.Url is null ? "2" : "1";
                string? agency = doc.TryGet(Layers.Header, out var h) ? h.Dateline?.Agency : null;
                cols[3] = Field(agency ?? (Uri.TryCreate(doc.Url, UriKind.Absolute, out var uri) ? uri.Host : doc.Source));
                cols[4] = Field(doc.Url ?? doc.Id);

                var locV1 = new List<string>();
                var locV2 = new List<string>();
                var perV1 = new List<string>();
                var perV2 = new List<string>();
                var orgV1 = new List<string>();
                var orgV2 = new List<string>();
                var allNames = new List<string>();
                foreach (var e in entities)
                {
                    string name = Name(e.Canonical);
                    foreach (var m in e.Mentions)
                    {
                        string offset = map.ToCodePoint(m.Range.Start).ToString(CultureInfo.InvariantCulture);
                        switch (e.Type)
                        {
                            case EntityType.Person:
                                perV2.Add(name + "," + offset);
                                break;
                            case EntityType.Organisation:
                                orgV2.Add(name + "," + offset);
                                break;
                            case EntityType.Location:
                                locV2.Add("0#" + name + "#######" + offset);
                                break;
                        }
                        allNames.Add(name + "," + offset);
                    }
                    switch (e.Type)
                    {
                        case EntityType.Person:
                            AddOnce(perV1, name);
                            break;
                        case EntityType.Organisation:
                            AddOnce(orgV1, name);
                            break;
                        case EntityType.Location:
                            AddOnce(locV1, "0#" + name + "#####");
                            break;
                    }
                }
                cols[9] = string.Join(';', locV1);
                cols[10] = string.Join(';', locV2);
                cols[11] = string.Join(';', perV1);
                cols[12] = string.Join(';', perV2);
                cols[13] = string.Join(';', orgV1);
                cols[14] = string.Join(';', orgV2);

                var dates = new List<string>();
                foreach (var t in doc.GetOrEmpty(Layers.Times))
                {
                    if (t.Type == TimeType.Date && GkgDate(t.Value) is { } g)
                    {
                        dates.Add(g + "#" + map.ToCodePoint(t.Range.Start).ToString(CultureInfo.InvariantCulture));
                    }
                }
                cols[16] = string.Join(';', dates);

                var quotes = new List<string>();
                var speakers = new List<string>();
                foreach (var q in doc.GetOrEmpty(Layers.Quotes))
                {
                    int start = map.ToCodePoint(q.Content.Start);
                    int length = map.ToCodePoint(q.Content.End) - start;
                    string verb = q.Cue is { } cue ? Name(cue.Lemma ?? doc.TextOf(cue.Range)) : string.Empty;
                    quotes.Add(start.ToString(CultureInfo.InvariantCulture) + "|" + length.ToString(CultureInfo.InvariantCulture) + "|" + verb + "|" + Name(doc.TextOf(q.Content)));
                    // GDELT's quotation has no speaker: Depesche's go alongside, one per quotation in the same order
                    string who = q.Speaker is { } sp ? Name(doc.TextOf(sp.Range)) : string.Empty;
                    string canonical = q.Speaker?.Entity is int e && e < entities.Length ? Name(entities[e].Canonical) : string.Empty;
                    speakers.Add(start.ToString(CultureInfo.InvariantCulture) + "|" + who + "|" + canonical);
                }
                cols[22] = string.Join('#', quotes);
                cols[23] = string.Join(';', allNames);

                var amounts = new List<string>();
                foreach (var q in doc.GetOrEmpty(Layers.Quantities))
                {
                    if (double.IsFinite(q.Value))
                    {
                        amounts.Add(q.Value.ToString("R", CultureInfo.InvariantCulture) + "," + Name(q.Unit ?? string.Empty) + "," + map.ToCodePoint(q.Range.Start).ToString(CultureInfo.InvariantCulture));
                    }
                }
                cols[24] = string.Join(';', amounts);
                cols[26] = "<DEPESCHE_ID>" + Field(System.Security.SecurityElement.Escape(doc.Id)) + "</DEPESCHE_ID>"
                    + (speakers.Count > 0 ? "<DEPESCHE_SPEAKERS>" + Field(System.Security.SecurityElement.Escape(string.Join('#', speakers))) + "</DEPESCHE_SPEAKERS>" : string.Empty);
                output.Write(string.Join('\t', cols));
                output.Write('\n');
            }
        });
        return n;
    }

    /// <summary>GKG's date block without the offset: resolution (4 full, 3 month and day, 2 month, 1 year), month, day, year.</summary>
    private static string? GkgDate(string value)
    {
        var parts = value.Split('-');
        static int Num(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : 0;
        if (parts.Length == 3 && parts[2].Length >= 2)
        {
            int y = Num(parts[0]), m = Num(parts[1]), d = Num(parts[2][..2]);
            return m == 0 || d == 0 ? null : Invariant($"{(y == 0 ? 3 : 4)}#{m}#{d}#{y}");
        }
        if (parts.Length == 2)
        {
            int y = Num(parts[0]), m = Num(parts[1]);
            return y == 0 || m == 0 ? null : Invariant($"2#{m}#0#{y}");
        }
        if (parts.Length == 1 && parts[0].Length == 4 && Num(parts[0]) is > 0 and int year)
        {
            return Invariant($"1#0#0#{year}");
        }
        return null;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }

    /// <summary>A value inside a GKG block: none of the delimiters GKG uses (tab, newline, ; # , |).</summary>
    private static string Name(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            sb.Append(c is '\t' or '\n' or '\r' or ';' or '#' or ',' or '|' ? ' ' : c);
        }
        return sb.ToString();
    }

    /// <summary>A whole GKG column value: no tabs or line breaks.</summary>
    private static string Field(string value) => value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    private static string OneLine(string value) => value.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
