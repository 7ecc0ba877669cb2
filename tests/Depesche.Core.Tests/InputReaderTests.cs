using System.Text;
using Depesche.Input;

namespace Depesche.Tests;

public sealed class InputReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("depesche-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static List<InputItem> Read(params string[] paths) => new InputReader().Read(paths).ToList();

    [Fact]
    public void A_bom_is_skipped_and_crlf_is_kept()
    {
        string path = WriteFile("a.txt", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Zeile eins.\r\n\r\nZeile zwei.")]);
        var item = Assert.Single(Read(path));
        Assert.Equal("Zeile eins.\r\n\r\nZeile zwei.", item.Record!.Text);
        Assert.Equal("a", item.Record.Id);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_position()
    {
        string path = WriteFile("latin1.txt", [.. Encoding.UTF8.GetBytes("Gr"), 0xFC, .. Encoding.UTF8.GetBytes("n")]);
        var error = Assert.Single(Read(path)).Error!;
        Assert.Equal(ErrorCodes.InvalidUtf8, error.Code);
        Assert.Contains("byte offset 2", error.Message);
    }

    [Fact]
    public void Binary_input_is_refused()
    {
        string path = WriteFile("x.bin", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]);
        Assert.Equal(ErrorCodes.BinaryInput, Assert.Single(Read(path)).Error!.Code);
    }

    [Fact]
    public void A_missing_path_is_named_and_the_good_inputs_are_still_read()
    {
        string good = WriteFile("good.txt", Encoding.UTF8.GetBytes("Gut."));
        var items = Read(Path.Combine(_dir, "missing.txt"), good);
        Assert.Equal(ErrorCodes.PathNotFound, items[0].Error!.Code);
        Assert.EndsWith("missing.txt", items[0].Error!.Source);
        Assert.Equal("Gut.", items[1].Record!.Text);
    }

    [Fact]
    public void Json_lines_give_records_and_name_bad_lines()
    {
        string path = WriteFile("corpus.jsonl", Encoding.UTF8.GetBytes(
            "{\"id\": \"a\", \"text\": \"Eins.\\r\\nZwei.\", \"date\": \"2022-02-25\", \"url\": \"https://example.org/a\"}\n" +
            "\n" +
            "{\"id\": \"b\"}\n" +
            "not json\n" +
            "[1, 2]\n" +
            "{\"id\": 7, \"text\": \"Sieben.\", \"date\": \"2022-02-25T10:00:00Z\"}\n" +
            "{\"text\": \"Ohne id.\", \"date\": \"Februar\"}\n" +
            "{\"text\": \"Ohne id.\"}"));
        var items = Read(path);
        Assert.Equal(7, items.Count);
        Assert.Equal("Eins.\r\nZwei.", items[0].Record!.Text);
        Assert.Equal("2022-02-25", items[0].Record!.Date.ToString());
        Assert.Equal("https://example.org/a", items[0].Record!.Url);
        Assert.Equal((ErrorCodes.MissingTextField, 3), (items[1].Error!.Code, items[1].Error!.Line!.Value));
        Assert.Equal((ErrorCodes.InvalidJsonLine, 4), (items[2].Error!.Code, items[2].Error!.Line!.Value));
        Assert.Equal((ErrorCodes.InvalidJsonLine, 5), (items[3].Error!.Code, items[3].Error!.Line!.Value));
        Assert.Equal("7", items[4].Record!.Id);
        Assert.Equal("2022-02-25", items[4].Record!.Date.ToString());
        Assert.Equal((ErrorCodes.InvalidField, 7), (items[5].Error!.Code, items[5].Error!.Line!.Value));
        Assert.Equal("corpus:8", items[6].Record!.Id);
    }

    [Fact]
    public void A_folder_gives_its_txt_files_in_order()
    {
        WriteFile("docs/b.txt", Encoding.UTF8.GetBytes("B."));
        WriteFile("docs/a.txt", Encoding.UTF8.GetBytes("A."));
        WriteFile("docs/sub/c.txt", Encoding.UTF8.GetBytes("C."));
        WriteFile("docs/ignored.md", Encoding.UTF8.GetBytes("no"));
        var items = Read(Path.Combine(_dir, "docs"));
        Assert.Equal(["a", "b", "sub/c"], items.Select(i => i.Record!.Id));
    }

    [Fact]
    public void An_empty_folder_is_an_error()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "empty"));
        Assert.Equal(ErrorCodes.EmptyFolder, Assert.Single(Read(Path.Combine(_dir, "empty"))).Error!.Code);
    }

    [Fact]
    public void Stdin_is_read_as_text_or_sniffed_as_json_lines()
    {
        var text = new InputReader(openStdin: () => new MemoryStream(Encoding.UTF8.GetBytes("Ein Text."))).Read(["-"]).Single();
        Assert.Equal("Ein Text.", text.Record!.Text);
        Assert.Equal("stdin", text.Record.Source);

        var lines = new InputReader(openStdin: () => new MemoryStream(Encoding.UTF8.GetBytes("{\"text\": \"A.\"}\n{\"text\": \"B.\"}\n"))).Read(["-"]).ToList();
        Assert.Equal(["A.", "B."], lines.Select(l => l.Record!.Text));
    }

    [Fact]
    public void An_empty_file_is_an_empty_report()
    {
        string path = WriteFile("empty.txt", []);
        Assert.Equal("", Assert.Single(Read(path)).Record!.Text);
    }
}
