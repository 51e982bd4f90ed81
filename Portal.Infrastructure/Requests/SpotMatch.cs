using System.Text;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// How well the spot a resident is typing matches the spot of a request already filed, from 0 (no
/// word in common) to 1 (one contains the other).
/// </summary>
/// <remarks>
/// Why this and not a full-text index: the candidates are the open public-area requests of one
/// estate, tens at most, so they are ranked in memory, exactly alike on SQLite and SQL Server, whose
/// full-text features and case rules differ (the model stays provider-neutral). Neighbours describe
/// one place in different words and orders ("B2 car park near lift 3", "lift 3, B2"), Chinese
/// without spaces, and phone keyboards may type full-width characters. So: normalise (NFKC folds
/// full-width to half-width, then lower case, punctuation to spaces); one text containing the other
/// is a match outright; otherwise the score is the share of the typed words the spot also has. A
/// Latin word or a number is a word; Chinese, having no spaces, is cut into overlapping character
/// pairs (电梯厅 → 电梯, 梯厅), the usual stand-in for words when there is no dictionary.
/// </remarks>
public static class SpotMatch
{
    /// <summary>From this score on, a request counts as "at the spot you typed" and is listed first.</summary>
    public const double Threshold = 0.5;

    // Words that say nothing about where: "the lobby near lift 3" and "lift 3 lobby" are one place.
    private static readonly HashSet<string> StopWords = ["the", "a", "an", "of", "at", "near", "in", "on", "by", "and", "to", "next"];

    public static double Score(string? typed, string? spot)
    {
        var t = Normalize(typed);
        var s = Normalize(spot);
        var typedCompact = t.Replace(" ", "", StringComparison.Ordinal);
        var spotCompact = s.Replace(" ", "", StringComparison.Ordinal);

        // One character typed so far says too little to rank by.
        if (typedCompact.Length < 2 || spotCompact.Length == 0)
        {
            return 0;
        }

        if (spotCompact.Contains(typedCompact, StringComparison.Ordinal) || typedCompact.Contains(spotCompact, StringComparison.Ordinal))
        {
            return 1;
        }

        var typedWords = Words(t);
        if (typedWords.Count == 0)
        {
            return 0;
        }

        var spotWords = Words(s);
        return (double)typedWords.Count(spotWords.Contains) / typedWords.Count;
    }

    internal static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    internal static HashSet<string> Words(string normalized)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (c == ' ')
            {
                i++;
                continue;
            }

            var cjk = IsCjk(c);
            var start = i;
            while (i < normalized.Length && normalized[i] != ' ' && IsCjk(normalized[i]) == cjk)
            {
                i++;
            }

            var run = normalized[start..i];
            if (!cjk)
            {
                if (!StopWords.Contains(run))
                {
                    words.Add(run);
                }
            }
            else if (run.Length == 1)
            {
                words.Add(run);
            }
            else
            {
                for (var k = 0; k + 1 < run.Length; k++)
                {
                    words.Add(run.Substring(k, 2));
                }
            }
        }

        return words;
    }

    private static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
