using System.Collections.Frozen;
using Depesche.Data;

namespace Depesche.German.Segmentation;

/// <summary>How an abbreviation behaves at the end of a sentence.</summary>
public enum AbbreviationClass : byte
{
    /// <summary>Never ends a sentence (titles, <c>z.B.</c>).</summary>
    Inner,
    /// <summary>May end a sentence (<c>usw.</c>).</summary>
    Final,
    /// <summary>An abbreviation only before a number (<c>Art. 5</c>).</summary>
    BeforeNumber,
}

/// <summary>The German word lists the segmenter needs, loaded once from the data files.</summary>
public sealed class SegmenterData
{
    private static readonly Lazy<SegmenterData> s_default = new(() => Load());

    private SegmenterData(FrozenDictionary<string, AbbreviationClass> abbreviations, FrozenSet<string> months, FrozenSet<string> ordinalDeterminers)
    {
        Abbreviations = abbreviations;
        AbbreviationLookup = abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        Months = months;
        MonthLookup = months.GetAlternateLookup<ReadOnlySpan<char>>();
        OrdinalDeterminers = ordinalDeterminers;
        OrdinalDeterminerLookup = ordinalDeterminers.GetAlternateLookup<ReadOnlySpan<char>>();
        MaxAbbreviationLength = abbreviations.Keys.Max(k => k.Length);
    }

    public static SegmenterData Default => s_default.Value;

    public FrozenDictionary<string, AbbreviationClass> Abbreviations { get; }

    public FrozenDictionary<string, AbbreviationClass>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup { get; }

    public FrozenSet<string> Months { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> MonthLookup { get; }

    public FrozenSet<string> OrdinalDeterminers { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> OrdinalDeterminerLookup { get; }

    public int MaxAbbreviationLength { get; }

    public static SegmenterData Load()
    {
        var abbrFile = GermanData.Load("abbreviations.tsv", "abbreviations");
        var abbr = new Dictionary<string, AbbreviationClass>(StringComparer.Ordinal);
        foreach (var row in abbrFile.Rows)
        {
            string form = row[0];
            if (!form.EndsWith('.') || form.Contains(' '))
            {
                throw DataFile.Invalid(abbrFile.Name, row.Line, $"an abbreviation ends with a full stop and has no space: '{form}'");
            }
            abbr[form] = row.Get(1, "inner") switch
            {
                "inner" => AbbreviationClass.Inner,
                "final" => AbbreviationClass.Final,
                "before-number" => AbbreviationClass.BeforeNumber,
                var other => throw DataFile.Invalid(abbrFile.Name, row.Line, $"unknown class '{other}'"),
            };
        }
        var ctx = GermanData.Load("sentence-context.tsv", "sentence-context");
        return new SegmenterData(
            abbr.ToFrozenDictionary(StringComparer.Ordinal),
            GermanData.FirstColumn(ctx, "month"),
            GermanData.FirstColumn(ctx, "ordinal-det"));
    }
}
