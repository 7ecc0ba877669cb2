using System.CommandLine;
using System.Globalization;
using Depesche.Input;

namespace Depesche.Cli;

/// <summary>Options several commands share, parsed the same way everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> Date() => new("--date")
    {
        Description = "Reference date YYYY-MM-DD for relative time expressions; wins over the input's own date.",
        HelpName = "YYYY-MM-DD",
    };

    public static Option<string> InputFormatOption() => new("--input-format")
    {
        Description = "How to read inputs: auto (JSON Lines for .jsonl/.ndjson and for stdin starting with '{'), text or jsonl.",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>
    /// Paths for commands that take many: a word starting with a dash that is no file is an unknown
    /// option, not a path (System.CommandLine would otherwise hand "--colour" over as a path).
    /// </summary>
    public static Argument<string[]> Paths(string description)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = description,
            Arity = ArgumentArity.OneOrMore,
        };
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                string value = token.Value;
                if (value.Length > 1 && value[0] == '-' && !File.Exists(value) && !Directory.Exists(value))
                {
                    result.AddError($"Unrecognized option '{value}'.");
                }
            }
        });
        return paths;
    }

    public static DateOnly? ParseDate(string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, $"--date must be a calendar date YYYY-MM-DD, not '{value}'");
        }
        return date;
    }

    public static InputFormat ParseInputFormat(string value) => value switch
    {
        "auto" => InputFormat.Auto,
        "text" => InputFormat.Text,
        "jsonl" => InputFormat.JsonLines,
        _ => throw new DepescheException(ErrorCodes.InvalidArgument, $"--input-format must be auto, text or jsonl, not '{value}'"),
    };
}
