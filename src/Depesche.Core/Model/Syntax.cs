namespace Depesche.Model;

/// <summary>
/// One syntactic word (UD sense). Usually one token; a contraction such as <c>im</c> gives two words
/// (<c>in</c>, <c>dem</c>) with the same <see cref="Token"/>. The label strings are shared instances
/// from the model's label tables, not allocated per word.
/// </summary>
/// <param name="Token">Index of the token this word belongs to.</param>
/// <param name="Form">The word's form when it differs from the token's text (parts of contractions); null otherwise.</param>
/// <param name="Upos">Universal part of speech (<c>NOUN</c>, <c>VERB</c>, …).</param>
/// <param name="Xpos">STTS tag (<c>NN</c>, <c>VVFIN</c>, …).</param>
/// <param name="Feats">UD morphological features (<c>Case=Nom|Number=Sing</c>), or <c>_</c>.</param>
/// <param name="Lemma">The lemma; null when it equals the form.</param>
public readonly record struct WordAnnotation(int Token, string? Form, string Upos, string Xpos, string Feats, string? Lemma)
{
    /// <summary>The word's form: <see cref="Form"/> or the token's text.</summary>
    public string FormIn(Document doc) => Form ?? doc.TextOf(doc.Tokens[Token].Range);

    /// <summary>The lemma, falling back on the form.</summary>
    public string LemmaIn(Document doc) => Lemma ?? FormIn(doc);
}

/// <summary>The head of a word (parallel to the words layer): a word index, or -1 for the sentence's root, and the UD relation.</summary>
public readonly record struct Dependency(int Head, string Deprel)
{
    public bool IsRoot => Head < 0;
}
