package org.w3id.hikb.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.w3id.hikb.records.Lang;

/**
 * Query translation from the bilingual dictionaries the knowledge base carries ({@code data/lexicons/}, made
 * from Debian's FreeDict, Ding and WikDict packages; see the README there). A query in one language is cut
 * into units, the longest phrases a dictionary has first ("ländliche Gebiete", "malattie rare"), else single
 * words; each unit gets its translations into the other languages, best first:
 * <ul>
 *   <li>from the direct dictionary (German to English), in its own order;</li>
 *   <li>through German where a direct one is small or missing (Swedish to German to English);</li>
 *   <li>a German or Swedish compound that no dictionary has, split into two words it has ("Pflegeroboter"
 *       is Pflege + Roboter: "care robot"), translated part by part;</li>
 *   <li>cognates for what no dictionary has ("demenza", "Demenz" and "dementia"), tried as spelling rules
 *       ({@code -zione/-tion}, {@code -ierung/-ation}, {@code -ität/-ity}) and kept only when the word made
 *       exists in the index.</li>
 * </ul>
 * Function words are no units: "Wie" is not Vienna, "in un" is not staff.
 */
public final class Translations {
    /**
     * How many candidate translations of one unit into one language are looked up; the search keeps the few
     * of them its index holds most (see {@code QueryPlanner}).
     */
    static final int PER_LANGUAGE = 10;
    private static final Map<Lang, CharArraySet> STOP = new EnumMap<>(Map.of(
            Lang.IT, ItalianAnalyzer.getDefaultStopSet(),
            Lang.DE, GermanAnalyzer.getDefaultStopSet(),
            Lang.EN, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET,
            Lang.SV, SwedishAnalyzer.getDefaultStopSet()));
    private static final List<String> GERMAN_LINKS = List.of("", "s", "es", "n", "en", "e");
    private static final List<String> SWEDISH_LINKS = List.of("", "s", "a", "u", "o");

    /** A translation of a unit: its text in a language, its weight (1 for a dictionary's first), and where it came from. */
    public record Rendering(Lang lang, String text, float weight, String via) {}

    /** Words {@code from} to {@code to} (exclusive) of the query, and their translations. */
    public record Unit(int from, int to, String text, List<Rendering> renderings) {}

    /** Per language pair ({@code de-en}), its dictionaries: the pair's own file first, then its variants ({@code it-en-wikdict}). */
    private final Map<String, List<Named>> dictionaries;
    private final String description;

    private record Named(String name, BilingualDictionary dictionary) {}

    private Translations(Map<String, List<Named>> dictionaries, String description) {
        this.dictionaries = dictionaries;
        this.description = description;
    }

    /** No dictionaries: every word is its own unit, with no translation. */
    public static Translations none() {
        return new Translations(Map.of(), "no dictionaries");
    }

    /**
     * The dictionaries of a directory: files named {@code <from>-<to>.tsv.gz}, or {@code <from>-<to>-<variant>.tsv.gz}
     * for a further dictionary of the same pair, with the four languages' codes.
     */
    public static Translations load(Path dir) {
        // Read once per process: they are immutable, take some 80 MB, and every server of a test run shares them.
        return LOADED.computeIfAbsent(dir.toUri(), u -> read(dir));
    }

    private static final Map<java.net.URI, Translations> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Translations read(Path dir) {
        Map<String, List<Named>> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) return none();
        long t0 = System.nanoTime();
        java.util.regex.Pattern file = java.util.regex.Pattern.compile("([a-z]{2})-([a-z]{2})(-[a-z]+)?\\.tsv\\.gz");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.sorted(java.util.Comparator.comparing(p -> p.getFileName().toString().length())).toList();
            for (Path f : sorted) {
                java.util.regex.Matcher m = file.matcher(f.getFileName().toString());
                if (!m.matches() || Lang.of(m.group(1)).isEmpty() || Lang.of(m.group(2)).isEmpty()) continue;
                String pair = m.group(1) + "-" + m.group(2);
                try (InputStream in = Files.newInputStream(f)) {
                    out.computeIfAbsent(pair, k -> new ArrayList<>()).add(new Named(pair + (m.group(3) == null ? "" : m.group(3)), BilingualDictionary.read(in)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder d = new StringBuilder();
        out.values().forEach(list -> list.forEach(n -> d.append(d.length() == 0 ? "" : ", ").append(n.name()).append(' ').append(n.dictionary().size())));
        return new Translations(out, String.format("%s (read in %.1f s)", d, (System.nanoTime() - t0) / 1e9));
    }

    /** The dictionaries and their sizes, for the log and for explain. */
    public String description() { return description; }

    boolean isEmpty() { return dictionaries.isEmpty(); }

    /** Whether a word is a function word in a language (so it is no unit of its own). */
    static boolean isStopWord(String word, Lang lang) {
        return STOP.get(lang).contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * The units of a query in {@code from}: function words dropped, then the longest dictionary phrases,
     * each with its translations into the other three languages. {@code exists} says whether a word (as typed,
     * lower-cased) is in the index in a language; it vets cognates.
     */
    public List<Unit> units(List<String> words, Lang from, java.util.function.BiPredicate<String, Lang> exists) {
        return units(words, from, exists, (text, lang) -> List.of());
    }

    /**
     * As {@link #units(List, Lang, java.util.function.BiPredicate)}, with {@code labels} giving the renderings of a
     * text that is the label of a concept (EuroVoc's and the knowledge base's own, in four languages): domain
     * phrases no general dictionary has ("assistenza domiciliare", "PMI").
     */
    public List<Unit> units(List<String> words, Lang from, java.util.function.BiPredicate<String, Lang> exists,
                            java.util.function.BiFunction<String, Lang, List<Rendering>> labels) {
        List<Unit> out = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            if (isStopWord(words.get(i), from) && words.size() > 1) {
                i++;
                continue;
            }
            int longest = 1;
            List<Rendering> renderings = List.of();
            for (int n = Math.min(maxPhrase(from), words.size() - i); n >= 2; n--) {
                if (isStopWord(words.get(i + n - 1), from)) continue;
                List<Rendering> r = translate(String.join(" ", words.subList(i, i + n)), from, exists, labels, false);
                if (!r.isEmpty()) {
                    longest = n;
                    renderings = r;
                    break;
                }
            }
            if (longest == 1) renderings = translate(words.get(i), from, exists, labels, true);
            out.add(new Unit(i, i + longest, String.join(" ", words.subList(i, i + longest)), renderings));
            i += longest;
        }
        return out;
    }

    private int maxPhrase(Lang from) {
        int n = 1;
        for (Map.Entry<String, List<Named>> e : dictionaries.entrySet())
            if (e.getKey().startsWith(from.code()))
                for (Named d : e.getValue()) n = Math.max(n, Math.min(4, d.dictionary().longestHeadwordWords()));
        return n;
    }

    /**
     * The translations of a text by a pair's dictionaries, the first of each, then the second of each...,
     * each with its dictionary's name; the text's dictionary forms are tried when it is not a headword.
     */
    private List<Rendering> lookUp(String pair, String text, Lang from, Lang to, float weight) {
        List<Named> named = dictionaries.getOrDefault(pair, List.of());
        List<List<String>> found = new ArrayList<>();
        for (Named d : named) {
            // The text as typed and its first dictionary form found: "neue" is a noun ("newcomer") and a form of "neu".
            List<String> t = new ArrayList<>();
            int forms = 0;
            for (String form : headwordForms(text, from)) {
                List<String> more = d.dictionary().translations(form);
                if (more.isEmpty()) continue;
                t.addAll(more);
                if (++forms == 2) break;
            }
            found.add(t);
        }
        List<Rendering> out = new ArrayList<>();
        for (int rank = 0; rank < PER_LANGUAGE; rank++)
            for (int k = 0; k < named.size(); k++)
                if (rank < found.get(k).size())
                    add(out, new Rendering(to, clean(found.get(k).get(rank)), weight / (1 + rank), named.get(k).name()));
        return out;
    }

    /** The renderings of a text in the other languages, best first, at most {@link #PER_LANGUAGE} per language. */
    private List<Rendering> translate(String text, Lang from, java.util.function.BiPredicate<String, Lang> exists,
                                      java.util.function.BiFunction<String, Lang, List<Rendering>> labels, boolean single) {
        List<Rendering> out = new ArrayList<>();
        List<Rendering> concepts = labels.apply(text, from);
        for (Lang to : Lang.values()) {
            if (to == from) continue;
            List<Rendering> into = new ArrayList<>();
            for (Rendering r : concepts) if (r.lang() == to) add(into, r);
            direct(text, from, to, "", into);
            if (into.size() < 2 && from != Lang.DE && to != Lang.DE) pivot(text, from, to, into);
            if (into.isEmpty() && single && text.indexOf('-') > 0) hyphenated(text, from, to, exists, into);
            if (into.isEmpty() && single && (from == Lang.DE || from == Lang.SV)) compound(text, from, to, exists, into);
            else if (into.isEmpty() && single) cognates(text, from, to, exists, into);
            into.stream().limit(PER_LANGUAGE).forEach(out::add);
        }
        return out;
    }

    private void direct(String text, Lang from, Lang to, String via, List<Rendering> into) {
        for (Rendering r : lookUp(from.code() + "-" + to.code(), text, from, to, 1f))
            if (into.size() < PER_LANGUAGE) add(into, r);
    }

    /** Endings of inflected forms, and the endings of the dictionary form they may come from ("malattie" from "malattia"). */
    private static final Map<Lang, String[][]> INFLECTIONS = new EnumMap<>(Map.of(
            Lang.IT, new String[][] { { "ie", "ia" }, { "he", "a" }, { "hi", "o" }, { "e", "a" }, { "i", "o" }, { "i", "e" }, { "i", "io" } },
            Lang.DE, new String[][] { { "en", "" }, { "n", "" }, { "e", "" }, { "er", "" }, { "es", "" }, { "s", "" }, { "innen", "in" },
                    { "ungen", "ung" }, { "en", "e" }, { "ischen", "isch" }, { "lichen", "lich" }, { "liche", "lich" },
                    { "ende", "en" }, { "enden", "en" }, { "ierte", "ieren" }, { "iertes", "ieren" }, { "te", "en" }, { "ten", "en" },
                    { "et", "en" }, { "t", "en" } },
            Lang.SV, new String[][] { { "arna", "" }, { "erna", "" }, { "orna", "a" }, { "ar", "" }, { "or", "a" }, { "er", "" },
                    { "en", "" }, { "et", "" }, { "na", "" }, { "n", "" }, { "t", "" }, { "a", "" }, { "are", "" }, { "aste", "" },
                    { "ande", "a" }, { "ende", "a" }, { "ad", "a" }, { "ade", "a" }, { "at", "a" }, { "ats", "a" },
                    { "ans", "a" }, { "ens", "" }, { "ets", "" }, { "ns", "" }, { "s", "" }, { "iet", "ium" }, { "erna", "" } },
            Lang.EN, new String[][] { { "ies", "y" }, { "es", "" }, { "s", "" } }));

    /**
     * A text as typed, then with each word's ending turned into a dictionary form's, at most a few
     * candidates: dictionaries list "malattia", "ländlich" and "sjukdom", queries say "malattie", "ländliche"
     * and "sjukdomar".
     */
    static List<String> headwordForms(String text, Lang lang) {
        List<String> out = new ArrayList<>(List.of(text));
        String[] words = text.split(" ");
        List<List<String>> options = new ArrayList<>();
        for (String w : words) {
            List<String> forms = new ArrayList<>(List.of(w));
            String lower = w.toLowerCase(Locale.ROOT);
            for (String[] rule : INFLECTIONS.get(lang))
                if (lower.endsWith(rule[0]) && lower.length() - rule[0].length() >= 3) {
                    String f = lower.substring(0, lower.length() - rule[0].length()) + rule[1];
                    if (!forms.contains(f)) forms.add(f);
                }
            options.add(forms);
        }
        // The first forms of each word, combined: enough for a phrase of a few words.
        List<String> combined = List.of("");
        for (List<String> forms : options) {
            List<String> next = new ArrayList<>();
            for (String prefix : combined)
                for (String f : forms.subList(0, Math.min(forms.size(), words.length == 1 ? 8 : 3)))
                    next.add(prefix.isEmpty() ? f : prefix + " " + f);
            combined = next.subList(0, Math.min(next.size(), 12));
        }
        for (String c : combined) if (!out.contains(c)) out.add(c);
        return out;
    }

    /** Through German: the first translations into German, each translated on. */
    private void pivot(String text, Lang from, Lang to, List<Rendering> into) {
        List<Rendering> german = lookUp(from.code() + "-de", text, from, Lang.DE, 1f);
        for (int k = 0; k < Math.min(2, german.size()); k++) {
            List<Rendering> on = lookUp("de-" + to.code(), german.get(k).text(), Lang.DE, to, 0.7f / (1 + k));
            for (Rendering r : on.subList(0, Math.min(2, on.size())))
                add(into, new Rendering(to, r.text(), r.weight(), from.code() + "-de-" + to.code()));
        }
    }

    /**
     * A hyphenated word no dictionary has ("Cloud-Plattform", "Coronavirus-Infektionen"), part by part: each
     * part's first translation, or the part as typed when the target language's records hold it.
     */
    private void hyphenated(String word, Lang from, Lang to, java.util.function.BiPredicate<String, Lang> exists, List<Rendering> into) {
        StringBuilder phrase = new StringBuilder();
        int translated = 0;
        for (String part : word.split("-")) {
            if (part.isBlank()) continue;
            String t = firstOrAsTyped(part, from, to, exists);
            if (t == null) return;
            if (!t.equalsIgnoreCase(part)) translated++;
            phrase.append(phrase.length() == 0 ? "" : " ").append(t);
        }
        if (translated > 0) add(into, new Rendering(to, phrase.toString(), 0.8f, from.code() + "-" + to.code() + " (" + word.replace("-", " + ") + ")"));
    }

    /** A word's first translation (or, for a compound, its parts'), else the word itself if the target's records hold it, else null. */
    private String firstOrAsTyped(String word, Lang from, Lang to, java.util.function.BiPredicate<String, Lang> exists) {
        List<Rendering> t = lookUp(from.code() + "-" + to.code(), word, from, to, 1f);
        // "hjärt-kärlsjukdomar": the first part drops its final letter ("hjärta").
        if (t.isEmpty() && (from == Lang.DE || from == Lang.SV)) t = part(word.toLowerCase(Locale.ROOT), from, to, exists, false);
        if (!t.isEmpty()) return t.get(0).text();
        if ((from == Lang.DE || from == Lang.SV) && word.length() >= 7) {
            List<Rendering> parts = new ArrayList<>();
            compound(word, from, to, exists, parts);
            if (!parts.isEmpty()) return parts.get(0).text();
        }
        return exists.test(word.toLowerCase(Locale.ROOT), to) ? word : null;
    }

    /**
     * A compound no dictionary has, as two words: their first translations, as a phrase ("Pflegeroboter": care
     * robot). A part no dictionary has may stand as typed when the target's records hold it ("Plasmabiomarker":
     * plasma biomarker). Else the whole word as a cognate, else cut finer.
     */
    private void compound(String word, Lang from, Lang to, java.util.function.BiPredicate<String, Lang> exists, List<Rendering> into) {
        boolean splits = dictionaries.containsKey(from.code() + "-" + to.code()) && word.length() >= 7 && word.length() <= LONGEST_COMPOUND;
        if (splits) compound(word, from, to, exists, into, false);
        // Else the whole word may be a cognate ("postoperativ", "mikrobiomet"), before it is cut finer.
        if (into.isEmpty()) cognates(word, from, to, exists, into);
        // Else with parts that are compounds themselves or cognates ("Betacellsterapi": beta + cell + therapy,
        // "Hjärtomik": heart + omics), which cost more to look for.
        if (into.isEmpty() && splits) compound(word, from, to, exists, into, true);
    }

    /**
     * The longest word cut into parts: real compounds are shorter ("Rindfleischetikettierungsüberwachungsaufgaben"
     * has 45 letters), and cutting costs the square of the length (a 500-letter "word" took 14 s).
     */
    private static final int LONGEST_COMPOUND = 48;

    /**
     * A part of a compound ("hjärt", "omik", "betacell"): its translations, or with its dropped final letter
     * ("hjärt": "hjärta", "Zell": "Zelle"), or, when {@code deep}, as a compound itself or a cognate.
     */
    private List<Rendering> part(String piece, Lang from, Lang to, java.util.function.BiPredicate<String, Lang> exists, boolean deep) {
        String pair = from.code() + "-" + to.code();
        List<Rendering> found = lookUp(pair, piece, from, to, 1f);
        if (found.isEmpty() && piece.length() >= 4) found = lookUp(pair, piece + (from == Lang.DE ? "e" : "a"), from, to, 1f);
        if (found.isEmpty() && deep) {
            List<Rendering> inner = new ArrayList<>();
            if (piece.length() >= 7) compound(piece, from, to, exists, inner, false);
            if (inner.isEmpty() && piece.length() >= 4) cognates(piece, from, to, exists, inner, 4);
            found = inner;
        }
        return found;
    }

    private void compound(String word, Lang from, Lang to, java.util.function.BiPredicate<String, Lang> exists, List<Rendering> into, boolean deep) {
        String pair = from.code() + "-" + to.code();
        String w = word.toLowerCase(Locale.ROOT);
        List<String> links = from == Lang.DE ? GERMAN_LINKS : SWEDISH_LINKS;
        for (int cut = w.length() - 3; cut >= 3; cut--) {
            String head = w.substring(cut);
            List<Rendering> tail = deep ? part(head, from, to, exists, true) : lookUp(pair, head, from, to, 1f);
            if (tail.isEmpty() && head.length() >= 5 && exists.test(head, to)) tail = List.of(new Rendering(to, head, 0.5f, "as typed"));
            if (tail.isEmpty()) continue;
            for (String link : links) {
                if (!w.substring(0, cut).endsWith(link)) continue;
                String modifier = w.substring(0, cut - link.length());
                if (modifier.length() < 3) continue;
                // Swedish compounds turn a word's final -a into -o or -u ("hälsa": "hälsopolitik", "gata": "gatunät").
                List<Rendering> first = from == Lang.SV && (link.equals("o") || link.equals("u"))
                        ? lookUp(pair, modifier + "a", from, to, 1f) : List.of();
                if (first.isEmpty()) first = lookUp(pair, modifier, from, to, 1f);
                // German compounds drop a word's final -e ("Zelle": "Betazelltherapie").
                if (first.isEmpty() && from == Lang.DE && link.isEmpty()) first = lookUp(pair, modifier + "e", from, to, 1f);
                if (first.isEmpty() && deep) first = part(modifier, from, to, exists, true);
                if (first.isEmpty() && modifier.length() >= 4 && exists.test(modifier, to))
                    first = List.of(new Rendering(to, modifier, 0.5f, "as typed"));
                if (first.isEmpty() || first.get(0).via().equals("as typed") && tail.get(0).via().equals("as typed")) continue;
                for (int a = 0; a < Math.min(4, first.size()); a++)
                    for (int b = 0; b < Math.min(4, tail.size()); b++)
                        add(into, new Rendering(to, first.get(a).text() + " " + tail.get(b).text(), 0.8f / ((1 + a) * (1 + b)),
                                pair + " (" + modifier + " + " + head + ")"));
                return;
            }
        }
    }

    /** Spelling rules between the four languages' learned words, for what no dictionary has. */
    private static final Map<Lang, String[][]> COGNATE_RULES = new EnumMap<>(Map.of(
            Lang.IT, new String[][] { { "zione", "tion" }, { "zioni", "tions" }, { "ità", "ity" }, { "ica", "ics" }, { "ica", "ic" },
                    { "ico", "ic" }, { "ici", "ics" }, { "ismo", "ism" }, { "ista", "ist" }, { "enza", "ence" }, { "enza", "entia" },
                    { "anza", "ance" }, { "mento", "ment" }, { "oso", "ous" }, { "ale", "al" }, { "ivo", "ive" }, { "iva", "ive" },
                    { "ina", "ine" }, { "ia", "y" }, { "ia", "ia" }, { "ario", "ary" }, { "are", "ar" }, { "logia", "logy" }, { "grafia", "graphy" } },
            Lang.DE, new String[][] { { "ierung", "ation" }, { "ität", "ity" }, { "ie", "y" }, { "ie", "ia" }, { "ik", "ics" }, { "ik", "ic" },
                    { "om", "oma" }, { "ose", "osis" }, { "ierte", "ied" }, { "isierte", "ized" }, { "isierte", "ised" }, { "ale", "al" },
                    { "isch", "ic" }, { "isch", "ical" }, { "enz", "ence" }, { "enz", "entia" }, { "anz", "ance" }, { "ur", "ure" },
                    { "iv", "ive" }, { "ell", "al" }, { "ismus", "ism" }, { "ion", "ion" }, { "logie", "logy" }, { "grafie", "graphy" } },
            Lang.SV, new String[][] { { "tion", "tion" }, { "itet", "ity" }, { "ik", "ics" }, { "ik", "ic" }, { "isk", "ic" },
                    { "om", "oma" }, { "os", "osis" }, { "i", "ia" }, { "ör", "er" }, { "ierad", "ied" }, { "iserad", "ized" },
                    { "iserad", "ised" }, { "erad", "ed" }, { "alt", "al" }, { "ellt", "al" }, { "ell", "al" }, { "ärt", "ary" },
                    { "isk", "ical" }, { "ism", "ism" }, { "ens", "ence" }, { "ens", "entia" }, { "ans", "ance" }, { "i", "y" },
                    { "iv", "ive" }, { "ell", "al" }, { "logi", "logy" }, { "grafi", "graphy" } },
            Lang.EN, new String[][] { { "tion", "zione" }, { "ity", "ità" }, { "ation", "ierung" }, { "ity", "ität" }, { "y", "ie" },
                    { "ics", "ica" }, { "ics", "ik" }, { "tion", "tion" }, { "ity", "itet" }, { "y", "i" } }));

    /** Which language each English rule's result is in (the English rules go the other way). */
    private static Lang englishRuleTarget(String suffix) {
        return switch (suffix) {
            case "zione", "ità", "ica" -> Lang.IT;
            case "ierung", "ität", "ie", "ik" -> Lang.DE;
            default -> Lang.SV;
        };
    }

    private void cognates(String word, Lang from, Lang to, java.util.function.BiPredicate<String, Lang> exists, List<Rendering> into) {
        cognates(word, from, to, exists, into, 6);
    }

    /** As above, for a word of at least {@code shortest} letters; what is found must have five or more. */
    private void cognates(String word, Lang from, Lang to, java.util.function.BiPredicate<String, Lang> exists, List<Rendering> into,
                          int shortest) {
        if (word.length() < shortest || (from != Lang.EN && to != Lang.EN)) return;
        String original = word.toLowerCase(Locale.ROOT);
        // The word and its dictionary forms ("laparoskopiskt": "laparoskopisk"), each as spelt and with the rules.
        List<String> forms = headwordForms(original, from);
        for (String form : forms.subList(0, Math.min(4, forms.size()))) {
            if (to == Lang.EN)
                for (String candidate : spellings(form, to))
                    if (!candidate.equals(original) && candidate.length() >= 5 && exists.test(candidate, to))
                        add(into, new Rendering(to, candidate, 0.6f, "cognate"));
            for (String[] rule : COGNATE_RULES.get(from)) {
                if (from == Lang.EN && englishRuleTarget(rule[1]) != to) continue;
                for (String base : List.of(form, form.replace("ph", "f"))) {
                    if (!base.endsWith(rule[0])) continue;
                    String stem = base.substring(0, base.length() - rule[0].length());
                    for (String candidate : spellings(stem + rule[1], to))
                        if (!candidate.equals(original) && candidate.length() >= 5 && exists.test(candidate, to))
                            add(into, new Rendering(to, candidate, 0.6f, "cognate"));
                }
            }
        }
    }

    /** Spelling changes from Italian, German and Swedish learned words into English, each applied or not. */
    private static final String[][] ENGLISH_SPELLINGS = { { "pati", "pathy" }, { "k", "c" }, { "f", "ph" }, { "z", "c" } };

    /**
     * A cognate's likely spellings in English, every combination of the changes: "koagulopati" is
     * "coagulopathy" only with both k to c and -pati to -pathy.
     */
    static List<String> spellings(String s, Lang to) {
        List<String> out = new ArrayList<>(List.of(s));
        if (to != Lang.EN) return out;
        for (String[] change : ENGLISH_SPELLINGS)
            for (String x : List.copyOf(out))
                if (x.contains(change[0])) out.add(x.replace(change[0], change[1]));
        for (String x : List.copyOf(out))
            if (x.startsWith("ter")) out.add("ther" + x.substring(3));
        return out;
    }

    private static void add(List<Rendering> into, Rendering r) {
        if (r.text().isBlank() || into.size() >= 2 * PER_LANGUAGE) return;
        for (Rendering o : into) if (o.text().equalsIgnoreCase(r.text())) return;
        into.add(r);
    }

    /** A dictionary's translation as words to search for: without the "to " of an English verb. */
    private static String clean(String t) {
        String s = t.strip();
        if (s.startsWith("to ") && s.length() > 3) s = s.substring(3);
        return s;
    }

    /** The dictionaries a language's queries reach, for explain. */
    Optional<String> reach(Lang from) {
        List<String> pairs = dictionaries.keySet().stream().filter(p -> p.startsWith(from.code())).toList();
        return pairs.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", pairs));
    }
}
