using Depesche.German;
using Depesche.Model;

namespace Depesche.Tests;

/// <summary>Runs the German pipeline and checks the document invariants on everything it returns.</summary>
internal static class TestPipeline
{
    public static Document Run(string text, string id = "test", DateOnly? date = null)
    {
        var doc = GermanPipeline.Create(Stage.Segment).Process(new Document(text, id, "test", referenceDateOverride: date));
        Invariants.Check(doc);
        return doc;
    }

    public static string[] TokenTexts(Document doc) => doc.Tokens.Select(t => doc.Text[t.Start..t.End]).ToArray();

    public static string[] SentenceTexts(Document doc) => doc.Sentences.Select(s => doc.Text[s.Start..s.End]).ToArray();
}
