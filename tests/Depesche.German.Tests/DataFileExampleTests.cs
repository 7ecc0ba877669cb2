using Depesche.Data;
using Depesche.German;
using Depesche.Processing;

namespace Depesche.Tests;

/// <summary>Runs every example of every German data file. A file whose kind has no runner here fails, so no example goes unrun.</summary>
public class DataFileExampleTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string name in GermanData.FileNames)
        {
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_example_in_the_file_holds(string fileName)
    {
        string kind = PeekKind(fileName);
        var file = GermanData.Load(fileName, kind);
        Assert.NotEmpty(file.Rows);
        Func<string, string> run = kind switch
        {
            "abbreviations" or "sentence-context" => Tokens,
            "datelines" => Dateline,
            "time-patterns" => Times.TimesTestSupport.Times,
            "time-lexicon" => Times.TimesTestSupport.Lexicon,
            "tense-markers" => Times.TimesTestSupport.Tense,
            "number-words" => Times.TimesTestSupport.NumberWord,
            "quantity-approximators" or "quantity-units" or "quantity-context" => Times.TimesTestSupport.Quantities,
            _ => throw new Xunit.Sdk.XunitException($"{fileName}: no example runner for kind '{kind}'; add one here"),
        };
        var failures = new List<string>();
        foreach (var ex in file.Examples)
        {
            string actual = run(ex.Input);
            if (actual != ex.Expected)
            {
                failures.Add($"{fileName}:{ex.Line}: '{ex.Input}' gave '{actual}', expected '{ex.Expected}'");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string PeekKind(string fileName)
    {
        using var stream = typeof(GermanData).Assembly.GetManifestResourceStream(GermanData.ResourcePrefix + fileName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadLine()!.Split(' ')[2];
    }

    private static string Tokens(string input) => string.Join("|", TestPipeline.TokenTexts(TestPipeline.Run(input)));

    private static string Dateline(string input)
    {
        var header = TestPipeline.Run(input).Get(Layers.Header);
        return header.Dateline is { } dl ? $"{dl.Place}|{dl.Agency}" : "|";
    }
}
