using System.Globalization;
using System.Text;
using Depesche.Data;

namespace Depesche.Learning.Clustering;

/// <summary>
/// Distributional word classes at several nested levels (finest first): words that occur in similar
/// left and right contexts share classes. Trained by <see cref="Train"/> from unlabelled sentences with
/// the <see cref="ExchangeClustering"/> algorithm (words → the finest classes, then those classes → coarser
/// ones, and so on), stored as a data file of kind <c>word-clusters</c>:
/// <code>
/// #! depesche word-clusters 1
/// #! columns: word, count, level1, level2, …
/// </code>
/// Words seen fewer than the minimum count are clustered as one of a few shape items (<c>&lt;unk:Xx&gt;</c>, …),
/// and unknown words are looked up as those. Lookups take a span and allocate nothing.
/// </summary>
public sealed class WordClusters
{
    public const string Kind = "word-clusters";
    public const int FormatVersion = 1;
    public const string Boundary = "<s>";

    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int[] _classes; // word × level
    private readonly int[] _unk;     // shape → word index (−1 when absent)

    private WordClusters(string[] words, long[] counts, int[] classes, int levels)
    {
        Words = words;
        Counts = counts;
        Levels = levels;
        _classes = classes;
        // A plain dictionary: building a frozen one for 34,000 words costs more at load than it saves in lookups.
        _index = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++)
        {
            _index[words[i]] = i;
        }
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        _unk = new int[ShapeNames.Length];
        for (int s = 0; s < ShapeNames.Length; s++)
        {
            _unk[s] = _index.TryGetValue(ShapeNames[s], out int i) ? i : -1;
        }
    }

    public IReadOnlyList<string> Words { get; }

    public IReadOnlyList<long> Counts { get; }

    /// <summary>How many nested levels of classes each word has (level 0 is the finest).</summary>
    public int Levels { get; }

    private static readonly string[] ShapeNames = ["<unk:Xx>", "<unk:X>", "<unk:x>", "<unk:d>", "<unk:Xx-x>", "<unk:x-x>", "<unk:o>"];

    /// <summary>The shape item a rare or unknown word stands for.</summary>
    public static int Shape(ReadOnlySpan<char> w)
    {
        if (w.IsEmpty)
        {
            return 6;
        }
        if (char.IsDigit(w[0]))
        {
            return 3;
        }
        bool hyphen = w.IndexOf('-') > 0;
        if (char.IsUpper(w[0]))
        {
            if (hyphen)
            {
                return 4;
            }
            bool allUpper = true;
            foreach (char ch in w)
            {
                if (char.IsLower(ch))
                {
                    allUpper = false;
                    break;
                }
            }
            return allUpper && w.Length > 1 ? 1 : 0;
        }
        if (char.IsLower(w[0]))
        {
            return hyphen ? 5 : 2;
        }
        return 6;
    }

    /// <summary>
    /// Writes the classes of <paramref name="word"/> (one per level, finest first) into <paramref name="classes"/>;
    /// returns 1 for a known word, 2 when only its lower-case form is known (sentence-initial capitals), 0 when it is
    /// looked up by its shape, −1 when nothing is known (all classes −1).
    /// </summary>
    public int Lookup(ReadOnlySpan<char> word, Span<int> classes)
    {
        int kind = 1;
        if (!_lookup.TryGetValue(word, out int i))
        {
            i = -1;
            kind = 0;
            if (word.Length > 1 && word.Length <= 64 && char.IsUpper(word[0]))
            {
                Span<char> lower = stackalloc char[word.Length];
                word.CopyTo(lower);
                lower[0] = char.ToLowerInvariant(word[0]);
                if (_lookup.TryGetValue(lower, out i))
                {
                    kind = 2;
                }
                else
                {
                    i = -1;
                }
            }
            if (i < 0)
            {
                i = _unk[Shape(word)];
            }
        }
        int n = Math.Min(classes.Length, Levels);
        for (int l = 0; l < n; l++)
        {
            classes[l] = i < 0 ? -1 : _classes[i * Levels + l];
        }
        return i < 0 ? -1 : kind;
    }

    // ---------------- training ----------------

    /// <summary>
    /// Clusters the words of <paramref name="sentences"/>: words seen at least <paramref name="minCount"/> times are items of
    /// their own, rarer ones count as their shape item; sentences are separated by a boundary item. <paramref name="classes"/>
    /// gives the class count of each level, finest first (each level clusters the classes of the one before).
    /// </summary>
    public static WordClusters Train(IEnumerable<IReadOnlyList<string>> sentences, int minCount, IReadOnlyList<int> classes, int iterations, int seed, Action<string>? log = null)
    {
        if (classes.Count == 0 || classes.Any(c => c < 2))
        {
            throw new ArgumentException("every level needs at least two classes", nameof(classes));
        }
        var all = sentences.Select(s => s.ToArray()).Where(s => s.Length > 0).ToList();
        var freq = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in all)
        {
            foreach (string w in s)
            {
                freq[w] = freq.GetValueOrDefault(w) + 1;
            }
        }
        var words = freq.Where(p => p.Value >= minCount && !p.Key.StartsWith("<unk:", StringComparison.Ordinal) && p.Key != Boundary)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToList();
        words.Add(Boundary);
        words.AddRange(ShapeNames);
        var id = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < words.Count; i++)
        {
            id[words[i]] = i;
        }
        int boundary = id[Boundary];
        var sequences = new List<int[]>(all.Count);
        foreach (var s in all)
        {
            var seq = new int[s.Length + 1];
            seq[0] = boundary;
            for (int i = 0; i < s.Length; i++)
            {
                seq[i + 1] = id.TryGetValue(s[i], out int k) ? k : id[ShapeNames[Shape(s[i])]];
            }
            sequences.Add(seq);
        }
        // A final boundary closes the corpus, so that every sentence end is followed by a boundary.
        sequences.Add([boundary]);
        var flat = new List<int[]> { sequences.SelectMany(x => x).ToArray() };
        var graph = BigramGraph.FromSequences(words.Count, flat);
        log?.Invoke($"clusters: {all.Count} sentences, {flat[0].Length} tokens, {words.Count} items (words seen at least {minCount} times, boundary, shapes)");
        int levels = classes.Count;
        var table = new int[words.Count * levels];
        var map = Enumerable.Range(0, words.Count).ToArray(); // item → current level's class
        for (int l = 0; l < levels; l++)
        {
            var cls = ExchangeClustering.Cluster(graph, classes[l], iterations, (ulong)seed + (ulong)l, log);
            int count = cls.Length == 0 ? 0 : cls.Max() + 1;
            for (int w = 0; w < words.Count; w++)
            {
                map[w] = cls[map[w]];
                table[w * levels + l] = map[w];
            }
            graph = graph.Collapse(cls, count);
        }
        var counts = words.Select(w => freq.GetValueOrDefault(w)).ToArray();
        return new WordClusters([.. words], counts, table, levels);
    }

    // ---------------- file ----------------

    public void Write(TextWriter writer, IEnumerable<string>? comments = null)
    {
        writer.Write($"#! depesche {Kind} {FormatVersion}\n");
        writer.Write("#! columns: word, count");
        for (int l = 0; l < Levels; l++)
        {
            writer.Write($", level{l + 1}");
        }
        writer.Write('\n');
        foreach (string c in comments ?? [])
        {
            writer.Write($"# {c}\n");
        }
        var sb = new StringBuilder();
        for (int i = 0; i < Words.Count; i++)
        {
            sb.Clear();
            sb.Append(Words[i]).Append('\t').Append(Counts[i].ToString(CultureInfo.InvariantCulture));
            for (int l = 0; l < Levels; l++)
            {
                sb.Append('\t').Append(_classes[i * Levels + l].ToString(CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
            writer.Write(sb.ToString());
        }
    }

    public byte[] ToBytes()
    {
        using var sw = new StringWriter(CultureInfo.InvariantCulture);
        Write(sw);
        return Encoding.UTF8.GetBytes(sw.ToString());
    }

    /// <summary>Reads a word-clusters file (the data-file header rules; rows read as spans, as the table is loaded with every entity model).</summary>
    public static WordClusters Parse(string name, string content)
    {
        int lineNo = 0;
        int levels = -1;
        var words = new List<string>();
        var counts = new List<long>();
        var table = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in content.AsSpan().EnumerateLines())
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (lineNo == 1)
            {
                string expected = $"#! depesche {Kind} ";
                if (!line.StartsWith(expected, StringComparison.Ordinal))
                {
                    throw DataFile.Invalid(name, 1, $"the first line must be '#! depesche {Kind} VERSION'");
                }
                if (!int.TryParse(line[expected.Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version != FormatVersion)
                {
                    throw DataFile.Invalid(name, 1, $"word-clusters version '{line[expected.Length..].ToString()}' is not {FormatVersion}");
                }
                continue;
            }
            if (line.StartsWith("#! columns:", StringComparison.Ordinal))
            {
                int columns = 1;
                foreach (char ch in line)
                {
                    columns += ch == ',' ? 1 : 0;
                }
                levels = columns - 2;
                if (levels < 1)
                {
                    throw DataFile.Invalid(name, lineNo, "a word-clusters file needs the columns word, count, level1, …");
                }
                continue;
            }
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }
            if (levels < 1)
            {
                throw DataFile.Invalid(name, lineNo, "the '#! columns:' line must come before the rows");
            }
            int tab = line.IndexOf('\t');
            string word = tab > 0 ? line[..tab].ToString() : "";
            var rest = tab > 0 ? line[(tab + 1)..] : default;
            tab = rest.IndexOf('\t');
            if (word.Length == 0 || tab <= 0 || !seen.Add(word) || !long.TryParse(rest[..tab], NumberStyles.None, CultureInfo.InvariantCulture, out long count))
            {
                throw DataFile.Invalid(name, lineNo, "expected a new word, its count and one class per level");
            }
            rest = rest[(tab + 1)..];
            for (int l = 0; l < levels; l++)
            {
                tab = rest.IndexOf('\t');
                var cell = tab < 0 ? rest : rest[..tab];
                if ((tab < 0) != (l == levels - 1) || !int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out int cls))
                {
                    throw DataFile.Invalid(name, lineNo, $"level {l + 1}: expected {levels} class numbers");
                }
                table.Add(cls);
                rest = tab < 0 ? default : rest[(tab + 1)..];
            }
            words.Add(word);
            counts.Add(count);
        }
        if (lineNo == 0)
        {
            throw DataFile.Invalid(name, 1, "the file is empty");
        }
        if (levels < 1)
        {
            throw DataFile.Invalid(name, lineNo, "a word-clusters file needs the columns word, count, level1, …");
        }
        return new WordClusters([.. words], [.. counts], [.. table], levels);
    }

    public static WordClusters FromBytes(byte[] bytes, string name) => Parse(name, Encoding.UTF8.GetString(bytes));
}
