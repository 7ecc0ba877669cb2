using System.CommandLine;
using System.Globalization;

namespace Depesche.Cli;

/// <summary>Options the store commands share.</summary>
internal static class StoreOptions
{
    public const string DefaultDb = "depesche.db";

    public static Option<string> Db() => new("--db")
    {
        Description = "The store file (SQLite).",
        DefaultValueFactory = _ => DefaultDb,
        HelpName = "FILE",
    };

    public static Option<string> Format(string defaultValue, params string[] allowed)
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format: " + string.Join(", ", allowed) + ".",
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }

    public static Option<int> Limit(int defaultValue) => new("--limit")
    {
        Description = $"At most this many rows (0: all; default {defaultValue}).",
        DefaultValueFactory = _ => defaultValue,
    };

    public static DateOnly? ParseDay(string? value, string option)
    {
        if (value is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        // A month or a year stands for its first day (--from) or its last day (--to) — the caller decides which.
        if (Depesche.Model.PartialDate.TryParse(value, out var p))
        {
            var bounds = Depesche.Store.PreparedDocument.DayBounds(p)!.Value;
            return DateOnly.ParseExact(option == "--to" ? bounds.Last : bounds.First, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        throw new DepescheException(ErrorCodes.InvalidArgument, $"{option} must be a date YYYY-MM-DD, YYYY-MM or YYYY, not '{value}'");
    }
}
