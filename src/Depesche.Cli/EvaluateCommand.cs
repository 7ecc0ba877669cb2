using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Depesche.Cli.Evaluation;
using Depesche.German;

namespace Depesche.Cli;

/// <summary><c>depesche evaluate spkatt DIR</c>: scores Depesche against annotated data sets that have no scorer of their own.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var dir = new Argument<string>("dir") { Description = "A folder of SpkAtt-2023 task 1 JSON files (e.g. ../shared/data/spkatt2023/dev)." };
        var spkatt = new Command("spkatt", "Quotation cues and sources, token-level F1, on SpkAtt-2023 task 1 files (German parliamentary speeches).") { dir };
        spkatt.SetAction(parse =>
        {
            string path = parse.GetValue(dir)!;
            if (!Directory.Exists(path))
            {
                console.Error(ErrorCodes.PathNotFound, $"{path}: no such folder");
                return DepescheCli.ExitInputErrors;
            }
            var files = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                console.Error(ErrorCodes.EmptyFolder, $"{path}: no .json file");
                return DepescheCli.ExitInputErrors;
            }
            SpkAttEvaluator.Result result;
            try
            {
                result = SpkAttEvaluator.Evaluate(files, GermanPipeline.Create(Stage.Quotes));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                console.Error(ErrorCodes.InvalidJsonLine, $"{path}: not SpkAtt-2023 task 1 JSON ({ex.Message})");
                return DepescheCli.ExitInputErrors;
            }
            using var stdout = console.CreateStdoutWriter();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"spkatt: {result.Documents} speeches, {result.Annotations} annotations; cue P={result.Cue.Precision:F3} R={result.Cue.Recall:F3} F1={result.Cue.F1:F3}; source P={result.Source.Precision:F3} R={result.Source.Recall:F3} F1={result.Source.F1:F3}"));
            stdout.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["documents"] = result.Documents,
                ["cue_f1"] = Math.Round(result.Cue.F1, 4),
                ["source_f1"] = Math.Round(result.Source.F1, 4),
            }));
            return DepescheCli.ExitOk;
        });
        var command = new Command("evaluate", "Score Depesche on annotated data.") { spkatt };
        return command;
    }
}
