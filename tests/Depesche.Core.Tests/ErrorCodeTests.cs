using System.Reflection;

namespace Depesche.Tests;

public class ErrorCodeTests
{
    private static IEnumerable<(string Name, string Code)> Codes() =>
        typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));

    [Fact]
    public void Codes_are_unique_and_well_formed()
    {
        var codes = Codes().ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.Matches(@"^DEP\d{4}$", c.Code));
        Assert.Equal(codes.Count, codes.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public void Every_code_is_documented()
    {
        string doc = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot!, "docs", "ERRORS.md"));
        var missing = Codes().Where(c => !doc.Contains($"| {c.Code} |", StringComparison.Ordinal)).Select(c => c.Code).ToList();
        Assert.True(missing.Count == 0, "undocumented in docs/ERRORS.md: " + string.Join(", ", missing));
    }
}
