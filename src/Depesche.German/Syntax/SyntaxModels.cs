using Depesche.Learning;

namespace Depesche.German.Syntax;

/// <summary>
/// The lexicon and the trained models shipped inside this assembly (built from <c>models/</c> at the
/// repository root), loaded once on first use. Commands may load other files instead.
/// </summary>
public static class SyntaxModels
{
    public const string LexiconFile = "de-lexicon.dplx";
    public const string TaggerFile = "de-tagger.dpm";
    public const string ParserFile = "de-parser.dpm";
    private const string Prefix = "Depesche.German.Models.";

    private static readonly Lazy<Lexicon> s_lexicon = new(() => LoadLexicon(null));
    private static readonly Lazy<LinearModel> s_taggerModel = new(() => ModelFile.Read(Embedded(TaggerFile), TaggerFile, Tagger.FeatureSetId));
    private static readonly Lazy<Tagger> s_tagger = new(() =>
    {
        // The lexicon and the tagger's weights are independent until the tagger is put together: read them at once.
        var lexicon = Task.Run(() => s_lexicon.Value);
        var model = s_taggerModel.Value;
        return Tagger.FromModel(model, lexicon.GetAwaiter().GetResult());
    });
    private static readonly Lazy<Parser> s_parser = new(() => LoadParser(null));

    public static Lexicon DefaultLexicon => s_lexicon.Value;

    public static Tagger DefaultTagger => s_tagger.Value;

    public static Parser DefaultParser => s_parser.Value;

    /// <summary>Starts reading the built-in parser in the background (a later <see cref="DefaultParser"/> waits for it).</summary>
    public static void PreloadParser()
    {
        if (!s_parser.IsValueCreated && HasEmbedded(ParserFile))
        {
            ThreadPool.QueueUserWorkItem(static _ =>
            {
                try
                {
                    _ = s_parser.Value;
                }
                catch (DepescheException)
                {
                    // Reported again, with its code, when the parser is used.
                }
            });
        }
    }

    /// <summary>Reads a lexicon from <paramref name="path"/>, or the embedded one when null.</summary>
    public static Lexicon LoadLexicon(string? path)
        => path is null ? Lexicon.Read(Embedded(LexiconFile), LexiconFile) : Lexicon.Read(ReadFile(path), path);

    public static Tagger LoadTagger(string? path, Lexicon lexicon)
        => Tagger.FromModel(path is null ? ModelFile.Read(Embedded(TaggerFile), TaggerFile, Tagger.FeatureSetId) : ModelFile.Load(path, Tagger.FeatureSetId), lexicon);

    public static Parser LoadParser(string? path)
        => Parser.FromModel(path is null ? ModelFile.Read(Embedded(ParserFile), ParserFile, Parser.FeatureSetId) : ModelFile.Load(path, Parser.FeatureSetId));

    public static bool HasEmbedded(string file) => typeof(SyntaxModels).Assembly.GetManifestResourceInfo(Prefix + file) is not null;

    private static byte[] Embedded(string file)
    {
        using var stream = typeof(SyntaxModels).Assembly.GetManifestResourceStream(Prefix + file)
            ?? throw new DepescheException(ErrorCodes.ModelInvalid, $"{file} is not built into this Depesche (train it and rebuild; see docs/RESULTS.md)");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DepescheException(ErrorCodes.PathNotFound, $"{path}: no such file");
        }
    }
}
