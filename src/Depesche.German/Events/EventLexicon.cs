using System.Collections.Frozen;
using Depesche.Data;

namespace Depesche.German.Events;

/// <summary>One event frame: a trigger lemma with its PLOVER type, CAMEO root and where its target is.</summary>
/// <param name="Target">obj, dat, a preposition, or null.</param>
/// <param name="ContextOnly">The word states an event only where the report has already stated one of its
/// kind ("die Explosion", "verletzt" after "ein Anschlag"); it then restates or continues that one.</param>
/// <param name="Agents">Nouns whose mention in the report is the actor when the clause names none (event-agents.tsv).</param>
public sealed record EventFrame(string Lemma, bool IsNoun, string Type, string Cameo, string? Target, bool ContextOnly = false, string[]? Agents = null)
{
    public bool IsMobilize => Type == "MOBILIZE";
}

/// <summary>The event frames of <c>event-frames.tsv</c>, looked up by lemma (and, for nouns, by the last part of a compound).</summary>
public sealed class EventLexicon
{
    private static readonly Lazy<EventLexicon> s_default = new(Load);

    private static readonly FrozenSet<string> s_types = new[]
    {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, EventFrame>.AlternateLookup<ReadOnlySpan<char>> _verbs;
    private readonly FrozenDictionary<string, EventFrame>.AlternateLookup<ReadOnlySpan<char>> _nouns;
    private readonly (string Suffix, EventFrame Frame)[] _nounSuffixes;

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _actorNouns;
    private readonly string[] _actorSuffixes;

    private EventLexicon(FrozenDictionary<string, EventFrame> verbs, FrozenDictionary<string, EventFrame> nouns, FrozenSet<string> actorNouns)
    {
        _actorNouns = actorNouns.GetAlternateLookup<ReadOnlySpan<char>>();
        _actorSuffixes = actorNouns.Where(n => n.Length >= 4).Select(n => n.ToLowerInvariant()).ToArray();
        _verbs = verbs.GetAlternateLookup<ReadOnlySpan<char>>();
        _nouns = nouns.GetAlternateLookup<ReadOnlySpan<char>>();
        _nounSuffixes = nouns.Where(kv => kv.Key.Length >= 5)
            .Select(kv => (kv.Key.ToLowerInvariant(), kv.Value))
            .OrderByDescending(x => x.Item1.Length)
            .ToArray();
        Count = verbs.Count + nouns.Count;
    }

    public static EventLexicon Default => s_default.Value;

    /// <summary>Words that stand for what someone else said ("dies", "Darstellung", "Vorwürfe"): the "claims" group of event-agents.tsv.</summary>
    public FrozenSet<string> ClaimWords { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>The "courts" group of event-agents.tsv: who sentences ("wurde verurteilt").</summary>
    public string[] Courts { get; private init; } = [];

    /// <summary>The "deployable" group of event-agents.tsv: what besides people can be deployed.</summary>
    public string[] Deployable { get; private init; } = [];

    /// <summary>The "politicians" group of event-agents.tsv: offices whose holders attack with words.</summary>
    public string[] Politicians { get; private init; } = [];

    /// <summary>The "sports" group of event-agents.tsv: words that mark a sports club or match (whole words, case-sensitive).</summary>
    public FrozenSet<string> Sports { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>The "protesters" group of event-agents.tsv.</summary>
    public string[] Protesters { get; private init; } = [];

    /// <summary>Whether a noun is, or ends in, one of the group's nouns.</summary>
    public static bool InGroup(string[] group, ReadOnlySpan<char> noun)
    {
        foreach (string g in group)
        {
            if (noun.Equals(g, StringComparison.OrdinalIgnoreCase) || (noun.Length > g.Length + 2 && noun.EndsWith(g, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }
        return false;
    }

    public int Count { get; }

    /// <summary>A common noun that can act: an institution, group or role, also as a compound's last part.</summary>
    public bool IsActorNoun(ReadOnlySpan<char> noun)
    {
        if (_actorNouns.Contains(noun))
        {
            return true;
        }
        if (noun.Length > 5 && noun.Length <= 64)
        {
            Span<char> lower = stackalloc char[noun.Length];
            noun.ToLowerInvariant(lower);
            foreach (string suffix in _actorSuffixes)
            {
                if (lower.Length > suffix.Length + 2 && lower.EndsWith(suffix))
                {
                    return true;
                }
            }
        }
        return false;
    }

    public bool TryVerb(ReadOnlySpan<char> lemma, out EventFrame frame) => _verbs.TryGetValue(lemma, out frame!);

    /// <summary>A noun frame by lemma or form, or by the last part of a compound ("Bombenanschlag" → Anschlag).</summary>
    public bool TryNoun(ReadOnlySpan<char> lemma, out EventFrame frame)
    {
        if (_nouns.TryGetValue(lemma, out frame!))
        {
            return true;
        }
        if (lemma.Length > 6)
        {
            Span<char> lower = lemma.Length <= 64 ? stackalloc char[lemma.Length] : new char[lemma.Length];
            lemma.ToLowerInvariant(lower);
            foreach (var (suffix, f) in _nounSuffixes)
            {
                // a compound's last part, after a first part of four letters or a hyphen: "Bombenanschlag", "UN-Einsatz", not "Vereinigung"
                int head = lower.Length - suffix.Length;
                if ((head >= 4 || (head >= 2 && lower[head - 1] == '-')) && lower.EndsWith(suffix))
                {
                    frame = f;
                    return true;
                }
            }
        }
        frame = null!;
        return false;
    }

    public static EventLexicon Load()
    {
        var agents = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var agentFile = GermanData.Load("event-agents.tsv", "event-agents");
        foreach (var row in agentFile.Rows)
        {
            agents[row[0]] = row.Get(1).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        agents.TryGetValue("claims", out var claims);
        agents.TryGetValue("courts", out var courts);
        agents.TryGetValue("deployable", out var deployable);
        agents.TryGetValue("politicians", out var politicians);
        agents.TryGetValue("sports", out var sports);
        agents.TryGetValue("protesters", out var protesters);
        var file = GermanData.Load("event-frames.tsv", "event-frames");
        var verbs = new Dictionary<string, EventFrame>(StringComparer.Ordinal);
        var nouns = new Dictionary<string, EventFrame>(StringComparer.Ordinal);
        foreach (var row in file.Rows)
        {
            string lemma = row[0];
            bool noun = row.Get(1) switch
            {
                "noun" => true,
                "verb" => false,
                var other => throw DataFile.Invalid(file.Name, row.Line, $"pos must be verb or noun, not '{other}'"),
            };
            string type = row.Get(2);
            if (!s_types.Contains(type))
            {
                throw DataFile.Invalid(file.Name, row.Line, $"unknown PLOVER type '{type}'");
            }
            string cameo = row.Get(3);
            if (cameo.Length != 2 || !cameo.All(char.IsAsciiDigit))
            {
                throw DataFile.Invalid(file.Name, row.Line, $"a CAMEO root has two digits, not '{cameo}'");
            }
            string? target = row.Get(4, "-") == "-" ? null : row[4];
            string note = row.Get(5, "-");
            bool contextOnly = note == "context";
            string[]? agentNouns = null;
            if (note.StartsWith("agent=", StringComparison.Ordinal))
            {
                if (!agents.TryGetValue(note["agent=".Length..], out agentNouns))
                {
                    throw DataFile.Invalid(file.Name, row.Line, $"no agent group '{note["agent=".Length..]}' in event-agents.tsv");
                }
            }
            else if (note is not ("-" or "context"))
            {
                throw DataFile.Invalid(file.Name, row.Line, $"the sixth column is 'context', 'agent=GROUP' or '-', not '{note}'");
            }
            var frame = new EventFrame(lemma, noun, type, cameo, target, contextOnly, agentNouns);
            (noun ? nouns : verbs).TryAdd(lemma, frame);
        }
        var actorNouns = GermanData.FirstColumn(GermanData.Load("actor-nouns.tsv", "actor-nouns"));
        return new EventLexicon(verbs.ToFrozenDictionary(StringComparer.Ordinal), nouns.ToFrozenDictionary(StringComparer.Ordinal), actorNouns)
        {
            ClaimWords = (claims ?? []).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            Courts = courts ?? [],
            Deployable = deployable ?? [],
            Politicians = politicians ?? [],
            Sports = (sports ?? []).ToFrozenSet(StringComparer.Ordinal),
            Protesters = protesters ?? [],
        };
    }
}
