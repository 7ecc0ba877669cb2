using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Depesche.German.Entities;
using Depesche.German.Syntax;
using Depesche.Learning;
using Depesche.Learning.Sequence;
using Depesche.Learning.Clustering;

namespace Depesche.Cli;

/// <summary><c>depesche ner --conll FILE</c> and <c>depesche train ner …</c>.</summary>
internal static class NerCommands
{
    public static Command CreateTrain(CliConsole console)
    {
        var data = new Option<string[]>("--data") { Description = "Training corpora (GermEval TSV, HIPE TSV or CoNLL with the label last); a file named twice counts twice.", Required = true, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };
        var dev = new Option<string?>("--dev") { Description = "A corpus to report strict span F1 per type on (never trained on)." };
        var seed = new Option<int>("--seed") { Description = "Seed for shuffling.", DefaultValueFactory = _ => 1 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the data.", DefaultValueFactory = _ => 10 };
        var output = new Option<string>("--out") { Description = "The model file to write.", Required = true };
        var auxData = new Option<string[]>("--aux-data") { Description = "Corpora with other conventions: an auxiliary recogniser trained on them feeds its predictions to the main one as features (stacking).", AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.ZeroOrMore };
        var rowBits = new Option<int>("--row-bits") { Description = "Each model has 2^N weight rows (smaller is faster and smaller, larger collides less).", DefaultValueFactory = _ => EntityRecognizer.RowBits };
        var jackknife = new Option<int>("--jackknife") { Description = "With --aux-data: the auxiliary recogniser also learns from --data (domain-augmented), and --data gets its predictions from K auxiliary models each trained without that fold (0: the auxiliary model learns from --aux-data only).", DefaultValueFactory = _ => 0 };
        var clustersPath = new Option<string?>("--clusters") { Description = "A word-clusters file (`depesche train clusters`): word classes become features; the file is stored inside the model." };
        var seeds = new Option<int>("--seeds") { Description = "Train each model (auxiliary and main) with K seeds (--seed, --seed + 1, …) and average their weights.", DefaultValueFactory = _ => 1 };
        var beamWidth = new Option<int>("--beam") { Description = "Beam width of the main model in training and decoding (1: greedy; the auxiliary model stays greedy).", DefaultValueFactory = _ => 1 };
        var auxBeam = new Option<int>("--aux-beam") { Description = "Beam width of the auxiliary model (1: greedy).", DefaultValueFactory = _ => 1 };
        var cmd = new Command("ner", "Train the entity recogniser (GermEval 2014 outer level).") { data, dev, seed, epochs, output, auxData, rowBits, jackknife, clustersPath, seeds, beamWidth, auxBeam };
        cmd.SetAction(parse => Train(console, parse.GetValue(data)!, parse.GetValue(dev), parse.GetValue(seed), parse.GetValue(epochs), parse.GetValue(output)!, parse.GetValue(auxData) ?? [], parse.GetValue(rowBits), parse.GetValue(jackknife), parse.GetValue(clustersPath), parse.GetValue(seeds), parse.GetValue(beamWidth), parse.GetValue(auxBeam)));
        return cmd;
    }

    private static int Train(CliConsole console, string[] data, string? dev, int seed, int epochs, string output, string[] auxData, int rowBits, int jackknife, string? clustersPath, int seeds, int beam, int auxBeam)
    {
        if (beam is < 1 or > GreedySequenceModel.MaxBeam || auxBeam is < 1 or > GreedySequenceModel.MaxBeam)
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, $"--beam and --aux-beam must be between 1 and {GreedySequenceModel.MaxBeam}");
        }
        if (seeds is < 1 or > 20)
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--seeds must be between 1 and 20");
        }
        // K models with consecutive seeds, averaged (the first one reports dev figures after each epoch).
        LinearModel TrainAveraged(Func<int, LinearModel> train)
            => seeds == 1 ? train(seed) : LinearModel.Average([.. Enumerable.Range(seed, seeds).Select(train)]);
        WordClusters? clusters = null;
        if (clustersPath is not null)
        {
            if (!File.Exists(clustersPath))
            {
                throw new DepescheException(ErrorCodes.PathNotFound, $"{clustersPath}: no such file");
            }
            clusters = WordClusters.Parse(clustersPath, File.ReadAllText(clustersPath));
        }
        if (jackknife is < 0 or 1 or > 20 || (jackknife > 0 && auxData.Length == 0))
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--jackknife must be 0 or between 2 and 20, and needs --aux-data");
        }
        if (rowBits is < 12 or > 20)
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--row-bits must be between 12 and 20");
        }
        if (epochs is < 1 or > 100)
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--epochs must be between 1 and 100");
        }
        var sw = Stopwatch.StartNew();
        var tagger = SyntaxModels.DefaultTagger;
        var labels = new BioLabels(EntityLabels.Types);
        LinearModel? auxiliary = null;
        var auxExamples = new List<SequenceExample>();
        var auxFolders = new List<string>();
        foreach (string path in auxData)
        {
            var s = NerCorpus.Read(path);
            string folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? "";
            if (!auxFolders.Contains(folder))
            {
                auxFolders.Add(folder);
            }
            // Plain stacking: one domain; jackknifing mixes in --data, so each corpus folder is a domain of its own.
            int domain = jackknife > 0 ? 1 + auxFolders.IndexOf(folder) : 0;
            console.Info($"train ner: auxiliary {path}: {s.Count} sentences, {s.Sum(x => x.Count)} tokens");
            auxExamples.AddRange(EntityRecognizer.Prepare(s, tagger, KnowledgeGazetteer.Default, labels, domain, clusters: clusters));
        }
        // Domains: GermEval-format files are the target (0); every other folder of corpora is a domain of its own.
        var sentences = new List<(NerSentence Sentence, int Domain)>();
        var folders = new List<string>();
        foreach (string path in data)
        {
            var s = NerCorpus.Read(path, out bool germEval);
            string folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? "";
            int domain = 0;
            if (!germEval)
            {
                if (!folders.Contains(folder))
                {
                    folders.Add(folder);
                }
                domain = 1 + folders.IndexOf(folder);
            }
            console.Info($"train ner: {path}: {s.Count} sentences, {s.Sum(x => x.Count)} tokens, domain {domain}");
            sentences.AddRange(s.Select(x => (x, domain)));
        }
        var examples = new List<SequenceExample>();
        if (jackknife > 0)
        {
            var plain = sentences.Select(x => EntityRecognizer.Prepare([x.Sentence], tagger, KnowledgeGazetteer.Default, labels, x.Domain, clusters: clusters).Single()).ToList();
            var stacked = new SequenceExample[sentences.Count];
            for (int fold = 0; fold < jackknife; fold++)
            {
                var train = auxExamples.Concat(plain.Where((_, i) => i % jackknife != fold)).ToList();
                var foldModel = EntityRecognizer.Train(train, seed, epochs, rowBits: rowBits);
                for (int i = fold; i < sentences.Count; i += jackknife)
                {
                    stacked[i] = EntityRecognizer.Prepare([sentences[i].Sentence], tagger, KnowledgeGazetteer.Default, labels, sentences[i].Domain, foldModel, clusters).Single();
                }
                console.Info($"train ner: jackknife fold {fold + 1} of {jackknife} done ({sw.Elapsed.TotalSeconds:F0} s)");
            }
            auxiliary = EntityRecognizer.Train([.. auxExamples, .. plain], seed, epochs, m => console.Info("auxiliary " + m), rowBits: rowBits);
            examples.AddRange(stacked);
        }
        else
        {
            if (auxExamples.Count > 0)
            {
                auxiliary = TrainAveraged(sd => EntityRecognizer.Train(auxExamples, sd, epochs, m => console.Info("auxiliary " + m), rowBits: rowBits, beam: auxBeam));
            }
            foreach (var (sentence, domain) in sentences)
            {
                examples.AddRange(EntityRecognizer.Prepare([sentence], tagger, KnowledgeGazetteer.Default, labels, domain, auxiliary, clusters));
            }
        }
        List<NerSentence>? devSentences = dev is null ? null : NerCorpus.Read(dev);
        var devExamples = devSentences is null ? null : EntityRecognizer.Prepare(devSentences, tagger, KnowledgeGazetteer.Default, labels, 0, auxiliary, clusters);
        console.Info($"train ner: {examples.Count} sentences, {examples.Sum(e => e.Count)} tokens prepared in {sw.Elapsed.TotalSeconds:F1} s; seed {seed}, {epochs} epochs");
        Action<int, LinearModel>? afterEpoch = devExamples is null ? null : (epoch, m) =>
            console.Info($"  after epoch {epoch}: dev F1 {Score(m, devExamples, labels).Overall.F1:F4}");
        var model = TrainAveraged(sd => EntityRecognizer.Train(examples, sd, epochs, console.Info, sd == seed ? afterEpoch : null, auxiliary, rowBits, clusters, beam));
        try
        {
            ModelFile.Save(model, output);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DepescheException(ErrorCodes.WriteFailed, $"{output}: {ex.Message}");
        }
        console.Info($"train ner: wrote {output} ({new FileInfo(output).Length:N0} bytes) in {sw.Elapsed.TotalSeconds:F1} s");
        if (devExamples is not null)
        {
            var (perType, overall) = Score(model, devExamples, labels);
            foreach (var (type, s) in perType)
            {
                console.Info(FormattableString.Invariant($"dev {type,-9} P={s.P:F4} R={s.R:F4} F1={s.F1:F4} (gold {s.Gold})"));
            }
            console.Info(FormattableString.Invariant($"dev {"ALL",-9} P={overall.P:F4} R={overall.R:F4} F1={overall.F1:F4} (gold {overall.Gold})"));
        }
        return DepescheCli.ExitOk;
    }

    private readonly record struct Prf(double P, double R, double F1, int Gold);

    private static (List<(string Type, Prf Score)> PerType, Prf Overall) Score(LinearModel model, List<SequenceExample> examples, BioLabels labels)
    {
        var recognizer = EntityRecognizer.FromModel(model, SyntaxModels.DefaultLexicon);
        var tp = new int[labels.Types.Length];
        var fp = new int[labels.Types.Length];
        var fn = new int[labels.Types.Length];
        foreach (var ex in examples)
        {
            var gold = BioLabels.Spans(ex.Gold!).ToHashSet();
            var pred = BioLabels.Spans(recognizer.Decode(ex)).ToHashSet();
            foreach (var s in pred)
            {
                if (gold.Contains(s)) { tp[s.Type]++; } else { fp[s.Type]++; }
            }
            foreach (var s in gold)
            {
                if (!pred.Contains(s)) { fn[s.Type]++; }
            }
        }
        static Prf Make(int t, int p, int n)
        {
            double pr = t + p == 0 ? 0 : (double)t / (t + p);
            double re = t + n == 0 ? 0 : (double)t / (t + n);
            return new Prf(pr, re, pr + re == 0 ? 0 : 2 * pr * re / (pr + re), t + n);
        }
        var perType = new List<(string, Prf)>();
        for (int i = 0; i < labels.Types.Length; i++)
        {
            if (tp[i] + fp[i] + fn[i] > 0)
            {
                perType.Add((labels.Types[i], Make(tp[i], fp[i], fn[i])));
            }
        }
        return (perType, Make(tp.Sum(), fp.Sum(), fn.Sum()));
    }

    public static Command CreateNer(CliConsole console)
    {
        var conll = new Option<string>("--conll") { Description = "Pre-tokenised input: one token per line (column 2 when column 1 counts 1, 2, 3 … through the sentence, as in GermEval TSV; else column 1), blank lines between sentences, comment lines ('#' followed by a tab or space, or alone) ignored.", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (atomically) instead of standard output." };
        var modelPath = new Option<string?>("--model") { Description = "Entity model (default: the built-in one)." };
        var cmd = new Command("ner", "Label pre-tokenised text with GermEval 2014 outer-level entity labels.") { conll, output, modelPath };
        cmd.SetAction(parse =>
        {
            string path = parse.GetValue(conll)!;
            List<(NerSentence Sentence, int BlankLinesAfter)> input;
            try
            {
                using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
                input = NerCorpus.ReadTokens(reader, path);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new DepescheException(ErrorCodes.PathNotFound, $"{path}: no such file");
            }
            catch (DecoderFallbackException)
            {
                throw new DepescheException(ErrorCodes.InvalidUtf8, $"{path}: not valid UTF-8");
            }
            var load = Stopwatch.StartNew();
            var lexicon = SyntaxModels.DefaultLexicon;
            double lexiconMs = load.Elapsed.TotalMilliseconds;
            var recognizer = parse.GetValue(modelPath) is { } mp ? EntityModels.Load(mp, lexicon) : EntityModels.DefaultRecognizer;
            double recognizerMs = load.Elapsed.TotalMilliseconds - lexiconMs;
            var tagger = SyntaxModels.DefaultTagger;
            double loadMs = load.Elapsed.TotalMilliseconds;
            var run = Stopwatch.StartNew();
            var sb = new StringBuilder();
            int tokenCount = 0;
            long tagTicks = 0, recognizeTicks = 0;
            foreach (var (sentence, blanks) in input)
            {
                int n = sentence.Count;
                if (n > 0)
                {
                    var forms = sentence.Tokens.Select(t => t.AsMemory()).ToArray();
                    var labels = new int[n];
                    var upos = new string?[n];
                    long t0 = Stopwatch.GetTimestamp();
                    EntityRecognizer.TagTokens(tagger, forms, upos);
                    long t1 = Stopwatch.GetTimestamp();
                    recognizer.Recognize(forms, upos, labels, default);
                    tagTicks += t1 - t0;
                    recognizeTicks += Stopwatch.GetTimestamp() - t1;
                    for (int i = 0; i < n; i++)
                    {
                        sb.Append(sentence.Tokens[i]).Append('\t').Append(recognizer.Labels.Labels[labels[i]]).Append('\n');
                    }
                    tokenCount += n;
                }
                sb.Append('\n', blanks);
            }
            console.Info(FormattableString.Invariant($"ner: models loaded in {loadMs:F0} ms (lexicon {lexiconMs:F0}, recogniser {recognizerMs:F0}, tagger {loadMs - lexiconMs - recognizerMs:F0}); {input.Count(s => s.Sentence.Count > 0)} sentences, {tokenCount} tokens labelled in {run.Elapsed.TotalMilliseconds:F0} ms (tagging {Stopwatch.GetElapsedTime(0, tagTicks).TotalMilliseconds:F0} ms, recognition {Stopwatch.GetElapsedTime(0, recognizeTicks).TotalMilliseconds:F0} ms = {tokenCount / Math.Max(1e-9, Stopwatch.GetElapsedTime(0, recognizeTicks).TotalSeconds):F0} tokens/s)"));
            return OutputSink.WriteAll(console, parse.GetValue(output), Encoding.UTF8.GetBytes(sb.ToString()));
        });
        return cmd;
    }
}

internal static class CommandExtensions
{
    /// <summary>Adds <paramref name="sub"/> to <paramref name="command"/> and returns the command (for one-line registration).</summary>
    public static Command With(this Command command, Command sub)
    {
        command.Subcommands.Add(sub);
        return command;
    }
}
