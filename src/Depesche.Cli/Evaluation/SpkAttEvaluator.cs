using System.Text;
using System.Text.Json;
using Depesche.German;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Cli.Evaluation;

/// <summary>Precision, recall and F1 from counts.</summary>
public readonly record struct Prf(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : TruePositives / (double)(TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : TruePositives / (double)(TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static Prf operator +(Prf a, Prf b) => new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);
}

/// <summary>
/// Scores quotation cues and sources against SpkAtt-2023 task 1 files (one JSON per speech: sentences
/// of tokens, annotations as "sentence:token" ids). Tokens are joined with single spaces into running
/// text, Depesche reads it, and its cue and speaker spans are mapped back to tokens. The measure is
/// token-level precision, recall and F1 per role (simpler than the shared task's proportional overlap).
/// </summary>
public static class SpkAttEvaluator
{
    public sealed record Result(int Documents, int Annotations, Prf Cue, Prf Source);

    public static Result Evaluate(IEnumerable<string> files, Pipeline pipeline)
    {
        int docs = 0;
        int annotations = 0;
        var cue = new Prf();
        var source = new Prf();
        foreach (string file in files)
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = json.RootElement;
            var text = new StringBuilder();
            var spans = new Dictionary<string, (int Start, int End)>(StringComparer.Ordinal);
            foreach (var sentence in root.GetProperty("Sentences").EnumerateArray())
            {
                int sid = sentence.GetProperty("SentenceId").GetInt32();
                int t = 0;
                foreach (var token in sentence.GetProperty("Tokens").EnumerateArray())
                {
                    if (text.Length > 0)
                    {
                        text.Append(' ');
                    }
                    string form = token.GetString() ?? "";
                    spans[$"{sid}:{t++}"] = (text.Length, text.Length + form.Length);
                    text.Append(form);
                }
            }
            var goldCue = new HashSet<string>(StringComparer.Ordinal);
            var goldSource = new HashSet<string>(StringComparer.Ordinal);
            foreach (var ann in root.GetProperty("Annotations").EnumerateArray())
            {
                annotations++;
                AddIds(ann, "Cue", goldCue);
                AddIds(ann, "Source", goldSource);
            }

            var doc = pipeline.Process(new Document(text.ToString(), Path.GetFileNameWithoutExtension(file), file));
            var predCue = new HashSet<string>(StringComparer.Ordinal);
            var predSource = new HashSet<string>(StringComparer.Ordinal);
            foreach (var q in doc.GetOrEmpty(Layers.Quotes))
            {
                if (q.Cue is { } c)
                {
                    AddCovered(spans, c.Range, predCue);
                }
                if (q.Speaker is { } s)
                {
                    AddCovered(spans, s.Range, predSource);
                }
            }
            cue += Score(predCue, goldCue);
            source += Score(predSource, goldSource);
            docs++;
        }
        return new Result(docs, annotations, cue, source);
    }

    private static void AddIds(JsonElement ann, string role, HashSet<string> into)
    {
        if (ann.TryGetProperty(role, out var ids) && ids.ValueKind == JsonValueKind.Array)
        {
            foreach (var id in ids.EnumerateArray())
            {
                into.Add(id.GetString() ?? "");
            }
        }
    }

    private static void AddCovered(Dictionary<string, (int Start, int End)> spans, TextRange range, HashSet<string> into)
    {
        foreach (var (id, (start, end)) in spans)
        {
            if (start < range.End && range.Start < end)
            {
                into.Add(id);
            }
        }
    }

    private static Prf Score(HashSet<string> pred, HashSet<string> gold)
    {
        int tp = pred.Count(gold.Contains);
        return new Prf(tp, pred.Count - tp, gold.Count - tp);
    }
}
