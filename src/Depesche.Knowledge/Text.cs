using System.Text;

namespace Depesche.Knowledge;

/// <summary>Spelling helpers for identifiers and alternative spellings.</summary>
internal static class Text
{
    // Latin letters with diacritics German does not use, and their plain forms. German umlauts stay.
    private const string Marked = "áàâãåāăąçćčďđéèêëēėęěğíìîïīįıłľĺñńňņóòôõōőřśšşșťţțúùûūůűųýÿžźżķļģÁÀÂÃÅĀĂĄÇĆČĎĐÉÈÊËĒĖĘĚĞÍÌÎÏĪĮİŁĽĹÑŃŇŅÓÒÔÕŌŐŘŚŠŞȘŤŢȚÚÙÛŪŮŰŲÝŽŹŻĶĻĢ";
    private const string Plain = "aaaaaaaacccddeeeeeeeegiiiiiiilllnnnnoooooorsssstttuuuuuuuyyzzzklgAAAAAAAACCCDDEEEEEEEEGIIIIIIILLLNNNNOOOOOORSSSSTTTUUUUUUUYZZZKLG";

    /// <summary>The spelling without non-German diacritics (<c>Kariņš</c>: <c>Karins</c>, <c>Erdoğan</c>: <c>Erdogan</c>).</summary>
    public static string Fold(string s)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            string? rep = c switch
            {
                'æ' => "ae",
                'ø' => "ö",
                'Ø' => "Ö",
                'Æ' => "Ae",
                'œ' => "oe",
                'ð' => "d",
                'þ' => "th",
                'Þ' => "Th",
                _ => Marked.IndexOf(c, StringComparison.Ordinal) is var k and >= 0 ? Plain[k].ToString() : null,
            };
            if (rep is null)
            {
                sb?.Append(c);
                continue;
            }
            sb ??= new StringBuilder(s, 0, i, s.Length + 4);
            sb.Append(rep);
        }
        return sb?.ToString() ?? s;
    }

    /// <summary>An identifier from a name: lower-case ASCII with hyphens (<c>Weißes Haus</c>: <c>weisses-haus</c>).</summary>
    public static string Slug(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        bool hyphen = false;
        foreach (char raw in Fold(name))
        {
            char c = char.ToLowerInvariant(raw);
            string piece = c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                _ => char.IsAsciiLetterOrDigit(c) ? c.ToString() : "",
            };
            if (piece.Length == 0)
            {
                hyphen = sb.Length > 0;
                continue;
            }
            if (hyphen)
            {
                sb.Append('-');
                hyphen = false;
            }
            sb.Append(piece);
        }
        return sb.ToString();
    }
}
