using System.Collections.Frozen;
using Depesche.Data;

namespace Depesche.German;

/// <summary>Loads the German data files embedded in this assembly.</summary>
public static class GermanData
{
    public const string ResourcePrefix = "Depesche.German.Data.";

    /// <summary>Loads <paramref name="fileName"/> (e.g. <c>abbreviations.tsv</c>) and checks its kind.</summary>
    public static DataFile Load(string fileName, string kind)
        => DataFile.LoadEmbedded(typeof(GermanData).Assembly, ResourcePrefix + fileName.Replace('/', '.'), kind);

    /// <summary>Every embedded data file's name, for tests that run all examples.</summary>
    public static IReadOnlyList<string> FileNames => typeof(GermanData).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>A set of the first column of <paramref name="file"/>'s rows (optionally only those whose second column is <paramref name="role"/>).</summary>
    public static FrozenSet<string> FirstColumn(DataFile file, string? role = null, StringComparer? comparer = null)
        => file.Rows
            .Where(r => role is null || r.Get(1) == role)
            .Select(r => r[0])
            .ToFrozenSet(comparer ?? StringComparer.Ordinal);
}
