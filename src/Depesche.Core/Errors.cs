using System.Diagnostics.CodeAnalysis;

namespace Depesche;

/// <summary>
/// The stable error codes of Depesche, kept in one place. Exceptions and the command line's
/// messages use the same codes; a code never changes its meaning once published.
/// </summary>
public static class ErrorCodes
{
    /// <summary>An input path does not exist.</summary>
    public const string PathNotFound = "DEP0001";
    /// <summary>The input is not valid UTF-8.</summary>
    public const string InvalidUtf8 = "DEP0002";
    /// <summary>The input looks binary (NUL bytes).</summary>
    public const string BinaryInput = "DEP0003";
    /// <summary>A JSON Lines record is not valid JSON or not an object.</summary>
    public const string InvalidJsonLine = "DEP0004";
    /// <summary>A JSON Lines record has no string field "text".</summary>
    public const string MissingTextField = "DEP0005";
    /// <summary>A command-line value is malformed (a date, a stage name, a number).</summary>
    public const string InvalidArgument = "DEP0006";
    /// <summary>Reading an input failed at the operating-system level.</summary>
    public const string ReadFailed = "DEP0007";
    /// <summary>Writing the output failed.</summary>
    public const string WriteFailed = "DEP0008";
    /// <summary>The pipeline was assembled in an order that does not satisfy its components.</summary>
    public const string PipelineOrder = "DEP0009";
    /// <summary>A data file shipped with Depesche is malformed.</summary>
    public const string DataFileInvalid = "DEP0010";
    /// <summary>A folder given as input holds no readable report.</summary>
    public const string EmptyFolder = "DEP0011";
    /// <summary>A JSON Lines field has the wrong type or value (e.g. a malformed "date").</summary>
    public const string InvalidField = "DEP0012";
    /// <summary>An input is larger than Depesche accepts for one report.</summary>
    public const string InputTooLarge = "DEP0013";
    /// <summary>A model or lexicon file is not in Depesche's format or is damaged.</summary>
    public const string ModelInvalid = "DEP0100";
    /// <summary>A model or lexicon file has a format version this build cannot read.</summary>
    public const string ModelVersion = "DEP0101";
    /// <summary>A model file was trained for other features or another task than the one loading it.</summary>
    public const string ModelMismatch = "DEP0102";
    /// <summary>A CoNLL-U input is malformed.</summary>
    public const string ConlluInvalid = "DEP0103";
    /// <summary>Training data is unusable (empty, or missing what the task learns).</summary>
    public const string TrainingDataInvalid = "DEP0104";
    /// <summary>A lexicon source (npm dictionary JSON, word list) is malformed.</summary>
    public const string LexiconSourceInvalid = "DEP0105";
    /// <summary>A knowledge-base data file refers to an actor, person or office that no file defines.</summary>
    public const string KnowledgeDataInvalid = "DEP0400";
    /// <summary>A knowledge-base query (<c>depesche kb query</c>) is malformed.</summary>
    public const string KnowledgeQueryInvalid = "DEP0401";
    /// <summary>An unexpected internal failure; always a bug worth reporting.</summary>
    public const string Internal = "DEP0099";

    // The corpus store (DEP0300–DEP0399).

    /// <summary>The store was written by a newer Depesche (a higher schema version) and is not read.</summary>
    public const string StoreTooNew = "DEP0301";
    /// <summary>The store was written by an older schema version that this Depesche cannot migrate.</summary>
    public const string StoreTooOld = "DEP0302";
    /// <summary>The file is an SQLite database but not a Depesche store.</summary>
    public const string NotAStore = "DEP0303";
    /// <summary>The file is not a database or is damaged.</summary>
    public const string StoreCorrupt = "DEP0304";
    /// <summary>Another process holds the store locked for longer than the wait allows.</summary>
    public const string StoreLocked = "DEP0305";
    /// <summary>No store exists at the given path (run <c>depesche ingest</c> first).</summary>
    public const string StoreMissing = "DEP0306";
    /// <summary>The store could not be opened or written (permissions, disk full, I/O).</summary>
    public const string StoreIo = "DEP0307";
    /// <summary>A search text is empty or not a valid full-text query.</summary>
    public const string InvalidSearch = "DEP0308";
}

/// <summary>An error Depesche expects and can explain: it carries a stable code.</summary>
public class DepescheException : Exception
{
    public DepescheException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    public string Code { get; }

    public override string ToString() => $"{Code}: {Message}";

    [DoesNotReturn]
    public static void Throw(string code, string message) => throw new DepescheException(code, message);
}
