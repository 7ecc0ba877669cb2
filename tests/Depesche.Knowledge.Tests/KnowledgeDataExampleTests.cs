using Depesche.Knowledge;

namespace Depesche.Tests;

/// <summary>
/// Runs every <c>#?</c> example of every knowledge-base data file through <see cref="KnowledgeQuery"/>.
/// Every embedded file must be one the loader reads (so none goes unrun) and carry examples.
/// </summary>
public class KnowledgeDataExampleTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string name in KnowledgeData.FileNames)
        {
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_example_in_the_file_holds(string fileName)
    {
        var known = KnowledgeBase.FileKinds.SingleOrDefault(f => f.File == fileName);
        Assert.True(known.Kind is not null, $"{fileName}: the loader does not read this file; add it to KnowledgeBase.FileKinds");
        var file = KnowledgeData.Load(fileName, known.Kind);
        Assert.NotEmpty(file.Rows);
        Assert.NotEmpty(file.Examples);
        var kb = KnowledgeBase.Default;
        var failures = new List<string>();
        foreach (var ex in file.Examples)
        {
            string actual;
            try
            {
                actual = KnowledgeQuery.Run(kb, ex.Input);
            }
            catch (DepescheException e)
            {
                actual = e.ToString();
            }
            if (actual != ex.Expected)
            {
                failures.Add($"{fileName}:{ex.Line}: '{ex.Input}' gave '{actual}', expected '{ex.Expected}'");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_file_the_loader_reads_is_embedded()
    {
        foreach (var (file, _) in KnowledgeBase.FileKinds)
        {
            Assert.Contains(file, KnowledgeData.FileNames);
        }
    }
}
