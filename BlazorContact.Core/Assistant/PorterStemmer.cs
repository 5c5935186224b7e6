namespace BlazorContact.Core.Assistant;

/// <summary>
/// The Porter stemming algorithm (M.F. Porter, 1980), as in the author's reference ANSI C version,
/// including its departures from the paper (<c>bli</c> → <c>ble</c> and <c>logi</c> → <c>log</c> in
/// step 2), so results match the published vocabulary.
/// </summary>
/// <remarks>
/// Expects a lower-case ASCII word. The word being stemmed is <c>b[0..k]</c>; while a suffix is
/// examined, <c>j</c> marks the end of the stem before it, as in the reference code.
/// The reference code picks a rule group by one letter of the word; listing each group's rules in
/// their original order gives the same first match, because a rule's suffix fixes that letter.
/// </remarks>
internal sealed class PorterStemmer
{
    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
        ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
        ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
        ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
        ("logi", "log"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
        "ate", "iti", "ous", "ive", "ize",
    ];

    private readonly char[] b;
    private int k;
    private int j;

    private PorterStemmer(string word)
    {
        b = word.ToCharArray();
        k = word.Length - 1;
    }

    /// <summary>Returns the stem of a lower-case word; words of one or two letters are returned unchanged.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 2)
        {
            return word;
        }

        var stemmer = new PorterStemmer(word);
        stemmer.Step1ab();
        if (stemmer.k > 0)
        {
            stemmer.Step1c();
            stemmer.ReplaceFirstMatch(Step2Rules);
            stemmer.ReplaceFirstMatch(Step3Rules);
            stemmer.Step4();
            stemmer.Step5();
        }
        return new string(stemmer.b, 0, stemmer.k + 1);
    }

    private bool IsConsonant(int i) => b[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(i - 1),
        _ => true,
    };

    /// <summary>The measure m of <c>b[0..j]</c> in [C](VC){m}[V]: how many vowels are followed by a consonant.</summary>
    private int Measure()
    {
        var m = 0;
        for (var i = 1; i <= j; i++)
        {
            if (IsConsonant(i) && !IsConsonant(i - 1))
            {
                m++;
            }
        }
        return m;
    }

    private bool VowelInStem()
    {
        for (var i = 0; i <= j; i++)
        {
            if (!IsConsonant(i))
            {
                return true;
            }
        }
        return false;
    }

    private bool DoubleConsonant(int i) => i >= 1 && b[i] == b[i - 1] && IsConsonant(i);

    /// <summary>True when <c>b[i-2..i]</c> is consonant-vowel-consonant and the last is not w, x or y (hop, not how).</summary>
    private bool ConsonantVowelConsonant(int i) =>
        i >= 2 && IsConsonant(i) && !IsConsonant(i - 1) && IsConsonant(i - 2) && b[i] is not ('w' or 'x' or 'y');

    private bool Ends(string suffix)
    {
        if (suffix.Length > k + 1 || !b.AsSpan(k - suffix.Length + 1, suffix.Length).SequenceEqual(suffix))
        {
            return false;
        }
        j = k - suffix.Length;
        return true;
    }

    private void SetTo(string replacement)
    {
        replacement.CopyTo(0, b, j + 1, replacement.Length);
        k = j + replacement.Length;
    }

    /// <summary>Plurals and -ed/-ing: caresses → caress, ponies → poni, hopping → hop, filing → file.</summary>
    private void Step1ab()
    {
        if (b[k] == 's')
        {
            if (Ends("sses"))
            {
                k -= 2;
            }
            else if (Ends("ies"))
            {
                SetTo("i");
            }
            else if (b[k - 1] != 's')
            {
                k--;
            }
        }

        if (Ends("eed"))
        {
            if (Measure() > 0)
            {
                k--;
            }
            return;
        }
        if (!((Ends("ed") || Ends("ing")) && VowelInStem()))
        {
            return;
        }

        k = j;
        if (Ends("at") || Ends("bl") || Ends("iz"))
        {
            // conflat(ed) → conflate, troubl(ed) → trouble, siz(ed) → size.
            SetTo(b[k] == 'z' ? "ize" : b[k] == 'l' ? "ble" : "ate");
        }
        else if (DoubleConsonant(k))
        {
            if (b[k] is not ('l' or 's' or 'z'))
            {
                k--;
            }
        }
        else
        {
            j = k;
            if (Measure() == 1 && ConsonantVowelConsonant(k))
            {
                SetTo("e");
            }
        }
    }

    /// <summary>Terminal y → i when there is another vowel in the stem: happy → happi.</summary>
    private void Step1c()
    {
        if (Ends("y") && VowelInStem())
        {
            b[k] = 'i';
        }
    }

    /// <summary>
    /// Steps 2 and 3, double suffixes to single ones (relational → relate, hopeful → hope): only the
    /// first suffix that matches is considered, even when its measure test then fails.
    /// </summary>
    private void ReplaceFirstMatch((string Suffix, string Replacement)[] rules)
    {
        foreach (var (suffix, replacement) in rules)
        {
            if (Ends(suffix))
            {
                if (Measure() > 0)
                {
                    SetTo(replacement);
                }
                return;
            }
        }
    }

    /// <summary>Removes -ant, -ence and the like when the stem is long enough (m &gt; 1): adjustment → adjust.</summary>
    private void Step4()
    {
        foreach (var suffix in Step4Suffixes)
        {
            if (!Ends(suffix))
            {
                continue;
            }
            // -ion goes only after s or t (adoption → adopt, but not onion).
            var removable = suffix != "ion" || (j >= 0 && b[j] is 's' or 't');
            if (removable && Measure() > 1)
            {
                k = j;
            }
            return;
        }
    }

    /// <summary>Final -e and double l: probate → probat, controll → control.</summary>
    private void Step5()
    {
        j = k;
        if (b[k] == 'e')
        {
            var m = Measure();
            if (m > 1 || (m == 1 && !ConsonantVowelConsonant(k - 1)))
            {
                k--;
            }
        }
        if (b[k] == 'l' && DoubleConsonant(k) && Measure() > 1)
        {
            k--;
        }
    }
}
