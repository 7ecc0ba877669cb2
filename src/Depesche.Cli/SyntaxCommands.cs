using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Depesche.German.Syntax;
using Depesche.Learning;

namespace Depesche.Cli;

/// <summary><c>depesche train tagger|parser …</c> and <c>depesche parse --conllu FILE</c>.</summary>
internal static class SyntaxCommands
{
    public static Command CreateTrain(CliConsole console)
    {
        var train = new Command("train", "Train a model with Depesche's own trainer (deterministic given data and seed).");
        foreach (string kind in new[] { "tagger", "parser" })
        {
            var data = new Option<string[]>("--data") { Description = "CoNLL-U training files.", Required = true, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };
            var dev = new Option<string?>("--dev") { Description = "A CoNLL-U file to report accuracy on (never trained on)." };
            var seed = new Option<int>("--seed") { Description = "Seed for shuffling and exploration.", DefaultValueFactory = _ => 1 };
            var epochs = new Option<int>("--epochs") { Description = "Passes over the data.", DefaultValueFactory = _ => kind == "tagger" ? 12 : 15 };
            var output = new Option<string>("--out") { Description = "The model file to write.", Required = true };
            var lexicon = new Option<string?>("--lexicon") { Description = "Lexicon file (default: the built-in one)." };
            var tagger = new Option<string?>("--tagger") { Description = "Tagger model whose predicted tags the parser trains on (default: the built-in one); also used for --dev." };
            var jackknife = new Option<int>("--jackknife") { Description = "Train on tags predicted by K taggers, each trained on the other folds (0: use --tagger's tags).", DefaultValueFactory = _ => 0 };
            var prune = new Option<float>("--prune") { Description = "Drop weights smaller than this in magnitude before saving (0: keep all).", DefaultValueFactory = _ => 0f };
            var ensemble = new Option<int>("--ensemble") { Description = "Train this many models (seeds seed, seed+1, …) and average their weights into one.", DefaultValueFactory = _ => 1 };
            var cmd = new Command(kind, $"Train the {kind}.") { data, dev, seed, epochs, output, lexicon, ensemble, prune };
            if (kind == "parser")
            {
                cmd.Options.Add(tagger);
                cmd.Options.Add(jackknife);
            }
            cmd.SetAction(parse => Train(console, kind, parse.GetValue(data)!, parse.GetValue(dev), parse.GetValue(seed), parse.GetValue(epochs), parse.GetValue(output)!, parse.GetValue(lexicon), parse.GetValue(tagger), kind == "parser" ? parse.GetValue(jackknife) : 0, parse.GetValue(ensemble), parse.GetValue(prune)));
            train.Subcommands.Add(cmd);
        }
        return train;
    }

    private static int Train(CliConsole console, string kind, string[] data, string? dev, int seed, int epochs, string output, string? lexiconPath, string? taggerPath, int jackknife, int ensemble, float prune)
    {
        if (prune is < 0 or > 10 || float.IsNaN(prune))
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--prune must be between 0 and 10");
        }
        if (ensemble is < 1 or > 10)
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--ensemble must be between 1 and 10");
        }
        if (jackknife is < 0 or 1 or > 20)
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--jackknife must be 0 or between 2 and 20");
        }
        if (epochs is < 1 or > 100)
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--epochs must be between 1 and 100");
        }
        var sw = Stopwatch.StartNew();
        var sentences = TrainingSentence.Load(data);
        var devSentences = dev is null ? null : Conllu.ReadFile(dev);
        var lexicon = SyntaxModels.LoadLexicon(lexiconPath);
        console.Info($"train {kind}: {sentences.Count} sentences, {sentences.Sum(s => s.Count)} words, lexicon {lexicon.Count:N0} forms, seed {seed}, {epochs} epochs");
        LinearModel model;
        Tagger tagger;
        Parser? parser = null;
        if (kind == "tagger")
        {
            model = LinearModel.Average([.. Enumerable.Range(0, ensemble).Select(k => Tagger.Train(lexicon, sentences, seed + k, epochs, console.Info, lemmasFromLexicon: k == 0))]);
            tagger = Tagger.FromModel(model, lexicon);
        }
        else
        {
            tagger = SyntaxModels.LoadTagger(taggerPath, lexicon);
            model = jackknife > 0
                ? Parser.TrainJackknifed(sentences, lexicon, jackknife, 12, seed, epochs, ensemble, console.Info)
                : LinearModel.Average([.. Enumerable.Range(0, ensemble).Select(k => Parser.Train(sentences, tagger, seed + k, epochs, console.Info))]);
            parser = Parser.FromModel(model);
        }
        if (prune > 0)
        {
            int before = model.NonZeroCount;
            model = model.Pruned(prune);
            console.Info($"train {kind}: pruned weights below {prune.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {before:N0} → {model.NonZeroCount:N0} non-zero");
            if (kind == "tagger")
            {
                tagger = Tagger.FromModel(model, lexicon);
            }
            else
            {
                parser = Parser.FromModel(model);
            }
        }
        try
        {
            ModelFile.Save(model, output);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DepescheException(ErrorCodes.WriteFailed, $"{output}: {ex.Message}");
        }
        console.Info($"train {kind}: wrote {output} ({new FileInfo(output).Length:N0} bytes) in {sw.Elapsed.TotalSeconds:F1} s");
        if (devSentences is not null)
        {
            if (parser is null && kind == "parser")
            {
                return DepescheCli.ExitOk;
            }
            var annotator = new ConlluAnnotator(tagger, parser);
            var gold = Conllu.ReadFile(dev!);
            int words = 0, upos = 0, xpos = 0, sttsWords = 0, lemma = 0, feats = 0, uas = 0, las = 0;
            foreach (var (pred, g) in devSentences.Zip(gold))
            {
                annotator.Annotate(pred);
                bool stts = g.Words.Any(w => w.Columns[4].StartsWith('$'));
                for (int i = 0; i < g.Words.Count; i++)
                {
                    words++;
                    upos += pred.Upos(i) == g.Upos(i) ? 1 : 0;
                    if (stts)
                    {
                        sttsWords++;
                        xpos += pred.Xpos(i) == g.Xpos(i) ? 1 : 0;
                    }
                    lemma += pred.Lemma(i) == g.Lemma(i) ? 1 : 0;
                    feats += pred.Feats(i) == g.Feats(i) ? 1 : 0;
                    bool head = pred.Head(i) == g.Head(i);
                    uas += head ? 1 : 0;
                    las += head && pred.Deprel(i) == g.Deprel(i) ? 1 : 0;
                }
            }
            string line = FormattableString.Invariant($"dev {dev}: {words} words, UPOS {100.0 * upos / words:F2}, XPOS {100.0 * xpos / Math.Max(1, sttsWords):F2} (of {sttsWords} words in sentences with STTS tags), FEATS {100.0 * feats / words:F2}, lemma {100.0 * lemma / words:F2}");
            if (parser is not null)
            {
                line += FormattableString.Invariant($", UAS {100.0 * uas / words:F2}, LAS {100.0 * las / words:F2}");
            }
            console.Info(line);
        }
        return DepescheCli.ExitOk;
    }

    public static Command CreateParse(CliConsole console)
    {
        var conllu = new Option<string>("--conllu") { Description = "A CoNLL-U file: ID and FORM of every word line are kept; LEMMA, UPOS, XPOS, FEATS, HEAD and DEPREL are predicted.", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (atomically) instead of standard output." };
        var taggerPath = new Option<string?>("--tagger") { Description = "Tagger model (default: the built-in one)." };
        var parserPath = new Option<string?>("--parser") { Description = "Parser model (default: the built-in one)." };
        var lexiconPath = new Option<string?>("--lexicon") { Description = "Lexicon file (default: the built-in one)." };
        var cmd = new Command("parse", "Tag, lemmatise and parse pre-tokenised CoNLL-U.") { conllu, output, taggerPath, parserPath, lexiconPath };
        cmd.SetAction(parse =>
        {
            var sentences = Conllu.ReadFile(parse.GetValue(conllu)!);
            var load = Stopwatch.StartNew();
            if (parse.GetValue(parserPath) is null)
            {
                SyntaxModels.PreloadParser();
            }
            Tagger tagger;
            if (parse.GetValue(lexiconPath) is null && parse.GetValue(taggerPath) is null)
            {
                tagger = SyntaxModels.DefaultTagger; // reads the lexicon and the weights side by side
            }
            else
            {
                var lexicon = parse.GetValue(lexiconPath) is { } lp ? SyntaxModels.LoadLexicon(lp) : SyntaxModels.DefaultLexicon;
                tagger = SyntaxModels.LoadTagger(parse.GetValue(taggerPath), lexicon);
            }
            double taggerMs = load.Elapsed.TotalMilliseconds;
            var parser = parse.GetValue(parserPath) is { } pp ? SyntaxModels.LoadParser(pp) : SyntaxModels.DefaultParser;
            double loadMs = load.Elapsed.TotalMilliseconds;
            var run = Stopwatch.StartNew();
            var annotator = new ConlluAnnotator(tagger, parser);
            foreach (var s in sentences)
            {
                annotator.Annotate(s);
            }
            console.Info(FormattableString.Invariant($"parse: lexicon and models loaded in {loadMs:F0} ms (lexicon and tagger {taggerMs:F0}, then parser {loadMs - taggerMs:F0} more); {sentences.Count} sentences, {sentences.Sum(s => s.Words.Count)} words annotated in {run.Elapsed.TotalMilliseconds:F0} ms"));
            var sb = new StringWriter();
            Conllu.Write(sb, sentences);
            return OutputSink.WriteAll(console, parse.GetValue(output), Encoding.UTF8.GetBytes(sb.ToString()));
        });
        return cmd;
    }
}
