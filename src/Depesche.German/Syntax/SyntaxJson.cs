using System.Text.Json;
using Depesche.Model;
using Depesche.Output;
using Depesche.Processing;

namespace Depesche.German.Syntax;

/// <summary>
/// The JSON of the syntax layers, written with <c>--tokens</c> after the contract's fields:
/// <c>"words": [ { "token", "form", "lemma", "upos", "xpos", "feats", "head", "deprel" } ]</c>,
/// where <c>token</c> indexes the tokens array, <c>head</c> indexes this array (null for the root) and
/// head/deprel are absent when the document was not parsed.
/// </summary>
public static class SyntaxJson
{
    public static readonly DocumentJsonWriter.Extension Extension = Write;

    public static void Write(Utf8JsonWriter w, Document doc, CodePointMap map, JsonWriteOptions options)
    {
        if (!options.IncludeTokens || !doc.TryGet(Layers.Words, out var words))
        {
            return;
        }
        doc.TryGet(Layers.Dependencies, out var deps);
        bool parsed = !deps.IsDefault && deps.Length == words.Length;
        w.WriteStartArray("words");
        for (int i = 0; i < words.Length; i++)
        {
            var word = words[i];
            w.WriteStartObject();
            w.WriteNumber("token", word.Token);
            string form = word.FormIn(doc);
            w.WriteString("form", form);
            w.WriteString("lemma", word.Lemma ?? form);
            w.WriteString("upos", word.Upos);
            w.WriteString("xpos", word.Xpos);
            w.WriteString("feats", word.Feats);
            if (parsed)
            {
                if (deps[i].IsRoot)
                {
                    w.WriteNull("head");
                }
                else
                {
                    w.WriteNumber("head", deps[i].Head);
                }
                w.WriteString("deprel", deps[i].Deprel);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
