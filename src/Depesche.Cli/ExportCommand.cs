using System.CommandLine;
using System.Text;
using Depesche.Store;

namespace Depesche.Cli;

/// <summary><c>depesche export --format jsonl|gkg|conllu|parquet [--output FILE]</c>: the whole store in another format.</summary>
internal static class ExportCommand
{
    /// <summary>The JSON writer extensions <c>extract</c> writes with (the syntax layers): the JSON Lines export equals <c>extract</c>'s output.</summary>
    private static readonly Output.DocumentJsonWriter.Extension[] s_extensions = [German.Syntax.SyntaxJson.Extension];

    public static Command Create(CliConsole console)
    {
        var db = StoreOptions.Db();
        var format = StoreOptions.Format("jsonl", "jsonl", "gkg", "conllu", "parquet");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (atomically: all or nothing) instead of standard output." };
        var tokens = new Option<bool>("--tokens") { Description = "jsonl: also write every token." };
        var command = new Command("export", "Write a corpus store as JSON Lines (the extract contract), GDELT GKG 2.1, CoNLL-U or Parquet.") { db, format, output, tokens };
        command.SetAction(parse => Execute(console, parse.GetValue(db)!, parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(tokens)));
        return command;
    }

    internal static int Execute(CliConsole console, string dbPath, string format, string? outputPath, bool tokens)
    {
        using var store = CorpusStore.OpenRead(dbPath);
        string? final = outputPath is null or "-" ? null : Path.GetFullPath(outputPath);
        string dir = final is null ? Path.GetTempPath() : Path.GetDirectoryName(final)!;
        if (!Directory.Exists(dir))
        {
            throw new DepescheException(ErrorCodes.WriteFailed, $"cannot write '{outputPath}': the folder '{dir}' does not exist");
        }
        // Written next to its final place and moved there when complete, so a failure leaves no half file.
        string temp = Path.Combine(dir, $".depesche-export.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        int n;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                n = format switch
                {
                    "parquet" => ParquetExport.Write(store, stream),
                    "jsonl" => Exports.WriteJsonLines(store, stream, tokens, s_extensions),
                    _ => WriteText(stream, w => format == "gkg" ? Exports.WriteGkg(store, w) : Exports.WriteConllu(store, w)),
                };
            }
            if (final is null)
            {
                using var read = File.OpenRead(temp);
                read.CopyTo(console.Stdout);
                console.Stdout.Flush();
            }
            else
            {
                File.Move(temp, final, overwrite: true);
            }
        }
        catch (IOException ex)
        {
            throw new DepescheException(ErrorCodes.WriteFailed, $"could not write the export: {ex.Message}", ex);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
        console.Info($"export: {n} document(s) as {format}" + (final is null ? "" : $" to {outputPath}"));
        return DepescheCli.ExitOk;
    }

    private static int WriteText(Stream stream, Func<TextWriter, int> write)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        int n = write(w);
        w.Flush();
        return n;
    }
}
