using System.Text;

namespace Depesche.Store;

/// <summary>
/// Folds names for matching across reports: lower case, diacritics removed, <c>ß</c> as <c>ss</c>,
/// so that <c>Bündnis</c>, <c>BÜNDNIS</c> and <c>Bundnis</c> meet. The same folding is applied to the
/// stored keys and to what the user asks for. (Unicode decomposition is not available under
/// invariant globalization, so the Latin letters with diacritics are mapped here.)
/// </summary>
public static class TextFold
{
    private const string Accented = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    private const string Plain = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz";

    public static string Fold(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }
        var sb = new StringBuilder(value.Length + 4);
        foreach (char c in value)
        {
            char lower = char.ToLowerInvariant(c);
            switch (lower)
            {
                case 'ß':
                    sb.Append("ss");
                    continue;
                case 'æ':
                    sb.Append("ae");
                    continue;
                case 'œ':
                    sb.Append("oe");
                    continue;
            }
            int i = lower >= 'à' ? Accented.IndexOf(lower, StringComparison.Ordinal) : -1;
            sb.Append(i >= 0 ? Plain[i] : lower);
        }
        return sb.ToString();
    }

    /// <summary>A LIKE pattern that finds <paramref name="value"/> folded anywhere in a folded key (with <c>ESCAPE '\'</c>).</summary>
    public static string ContainsPattern(string value)
    {
        string folded = Fold(value);
        var sb = new StringBuilder(folded.Length + 2);
        sb.Append('%');
        foreach (char c in folded)
        {
            if (c is '%' or '_' or '\\')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        sb.Append('%');
        return sb.ToString();
    }
}
