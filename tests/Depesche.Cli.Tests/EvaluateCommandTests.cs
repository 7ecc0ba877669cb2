using System.Text.Json;

namespace Depesche.Tests;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("depesche-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Spkatt_scores_cue_and_source_tokens()
    {
        // «Wir helfen», sagte die Ministerin.  — cue "sagte" (0:4), source "die Ministerin" (0:5, 0:6)
        File.WriteAllText(Path.Combine(_dir, "a.json"), """
            {"Sentences": [{"SentenceId": 0, "Tokens": ["«", "Wir", "helfen", "»", ",", "sagte", "die", "Ministerin", "."]}],
             "Annotations": [{"Cue": ["0:5"], "Source": ["0:6", "0:7"], "Message": ["0:1", "0:2"]}]}
            """);
        var r = CliRunner.Run(["evaluate", "spkatt", _dir]);
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout.Trim().Split('\n')[^1]);
        Assert.Equal(1.0, json.RootElement.GetProperty("cue_f1").GetDouble());
        Assert.Equal(1.0, json.RootElement.GetProperty("source_f1").GetDouble());
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        var r = CliRunner.Run(["evaluate", "spkatt", Path.Combine(_dir, "none")]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("DEP0001", r.Stderr);
    }
}
