package org.w3id.hikb.search;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * One direction of a bilingual dictionary (for example German to English), used to translate the words and
 * phrases of a query. It reads the files of {@code data/lexicons/} made by {@code make-lexicons.py} from
 * the Debian FreeDict/Ding/WikDict packages: gzip-compressed UTF-8 text, one headword a line,
 * {@code headword TAB translation 1 TAB translation 2 ...}, translations in the dictionary's own order
 * (best first); lines starting with {@code #} are comments. Headwords may be phrases of several words.
 *
 * <p>Lookup ignores case and accents: headwords and queries are folded by {@link #fold(String)}. Headwords
 * that fold to the same key (such as "Gut" and "gut") are merged, their translations kept in file order.
 * Where headwords differ only in accents (Swedish "hälsa" health and "halsa" to swig; German "Bar" and
 * "Bär"), a query spelt like one of them (ignoring case) gets that headword's translations only; any other
 * spelling gets all of them.
 *
 * <p>Memory: the decompressed file as one byte array plus an open-addressing table of int offsets (for
 * de-en about 30 MB); strings are made only when a word is looked up. Instances are immutable and safe to
 * share between threads.
 */
public final class BilingualDictionary {
    private static final byte TAB = '\t';
    private static final byte NL = '\n';

    /** The decompressed file. */
    private final byte[] text;
    /** Start offset of each kept line, and the next line with the same folded headword (or -1). */
    private final int[] lineStart;
    private final int[] nextLine;
    /** Open addressing, linear probing: line index + 1 of a folded key's first line (0 = empty), its hash. */
    private final int[] slots;
    private final int[] hashes;
    private final int size;
    private final int longestHeadwordWords;

    private BilingualDictionary(Loader l) {
        this.text = l.text;
        this.lineStart = Arrays.copyOf(l.lineStart, l.lines);
        this.nextLine = Arrays.copyOf(l.nextLine, l.lines);
        this.slots = l.slots;
        this.hashes = l.hashes;
        this.size = l.size;
        this.longestHeadwordWords = l.longest;
    }

    /**
     * Reads a dictionary file (gzip-compressed TSV as described above; plain TSV is accepted too). Reads the
     * stream to its end and closes it.
     */
    public static BilingualDictionary read(InputStream gzippedTsv) throws IOException {
        byte[] bytes;
        try (InputStream in = decompressed(gzippedTsv)) {
            bytes = in.readAllBytes();
        }
        Loader loader = new Loader(bytes);
        loader.load();
        return new BilingualDictionary(loader);
    }

    /**
     * The translations of a headword or phrase, best first, without duplicates; an empty list when the
     * dictionary does not have it.
     */
    public List<String> translations(String headword) {
        if (headword == null) {
            return List.of();
        }
        String key = fold(headword);
        if (key.isEmpty()) {
            return List.of();
        }
        int first = find(slots, hashes, spread(key.hashCode()), key, this::foldedHeadword);
        if (first < 0) {
            return List.of();
        }
        List<Integer> lines = new ArrayList<>(2);
        for (int line = first; line >= 0; line = nextLine[line]) {
            lines.add(line);
        }
        if (lines.size() > 1) { // headwords differing in accents (or case): prefer the query's spelling
            String lower = lower(headword);
            List<Integer> same = new ArrayList<>(lines.size());
            for (int line : lines) {
                if (lower(headwordOf(line)).equals(lower)) {
                    same.add(line);
                }
            }
            if (!same.isEmpty()) {
                lines = same;
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (int line : lines) {
            int start = lineStart[line];
            int end = lineEnd(start);
            int from = indexOf(text, TAB, start, end) + 1;
            while (from <= end) {
                int to = indexOf(text, TAB, from, end);
                if (to < 0) {
                    to = end;
                }
                String t = new String(text, from, to - from, StandardCharsets.UTF_8).trim();
                if (!t.isEmpty()) {
                    out.add(t);
                }
                from = to + 1;
            }
        }
        return List.copyOf(out);
    }

    /** The number of distinct (folded) headwords. */
    public int size() {
        return size;
    }

    /** The largest number of words in a headword: the longest phrase worth looking up. */
    public int longestHeadwordWords() {
        return longestHeadwordWords;
    }

    /**
     * The lookup key of a text: compatibility-decomposed (NFKD), combining marks removed, lower-cased with
     * {@link Locale#ROOT}, runs of white space made one space, trimmed ("Ländlicher  Raum" and
     * "landlicher raum" are both "landlicher raum").
     */
    public static String fold(String text) {
        int n = text.length();
        StringBuilder b = null;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                char l = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
                if (b != null) {
                    b.append(l);
                } else if (l != c) {
                    b = new StringBuilder(n).append(text, 0, i).append(l);
                }
            } else if (c < LATIN_END) {
                if (b == null) {
                    b = new StringBuilder(n).append(text, 0, i);
                }
                b.append(LATIN[c - 0x80]);
            } else {
                return collapseSpaces(slowFold(text));
            }
        }
        return collapseSpaces(b == null ? text : b.toString());
    }

    /** Folded forms of U+0080..U+024F (Latin-1 and Latin Extended A/B), none of them a combining mark. */
    private static final int LATIN_END = 0x250;
    private static final String[] LATIN = new String[LATIN_END - 0x80];

    static {
        for (int c = 0x80; c < LATIN_END; c++) {
            LATIN[c - 0x80] = slowFold(String.valueOf((char) c));
        }
    }

    private static String slowFold(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            if (type != Character.NON_SPACING_MARK && type != Character.COMBINING_SPACING_MARK
                    && type != Character.ENCLOSING_MARK) {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** Lower-cased, composed (NFC), white space collapsed: tells "hälsa" from "halsa". */
    private static String lower(String text) {
        String s = text;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                s = Normalizer.normalize(s, Normalizer.Form.NFC);
                break;
            }
        }
        return collapseSpaces(s.toLowerCase(Locale.ROOT));
    }

    private static String collapseSpaces(String s) {
        int n = s.length();
        boolean clean = n > 0 && !Character.isWhitespace(s.charAt(0)) && !Character.isWhitespace(s.charAt(n - 1));
        for (int i = 0; clean && i < n; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) && (c != ' ' || Character.isWhitespace(s.charAt(i + 1)))) {
                clean = false;
            }
        }
        if (clean) {
            return s;
        }
        StringBuilder b = new StringBuilder(n);
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    private String headwordOf(int line) {
        int start = lineStart[line];
        int tab = indexOf(text, TAB, start, lineEnd(start));
        return new String(text, start, tab - start, StandardCharsets.UTF_8);
    }

    private String foldedHeadword(int line) {
        return fold(headwordOf(line));
    }

    private int lineEnd(int start) {
        int end = indexOf(text, NL, start, text.length);
        if (end < 0) {
            end = text.length;
        }
        return end > start && text[end - 1] == '\r' ? end - 1 : end;
    }

    private static int indexOf(byte[] buf, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        boolean gzip = b1 == 0x1f && b2 == 0x8b;
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** Fibonacci hashing: String hashes of similar keys differ in few low bits, so scramble them all. */
    private static int spread(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 15);
    }

    /** The first line of the folded key, or -1. */
    private static int find(int[] slots, int[] hashes, int h, String key, java.util.function.IntFunction<String> keyOf) {
        int mask = slots.length - 1;
        for (int i = h & mask; slots[i] != 0; i = (i + 1) & mask) {
            if (hashes[i] == h && keyOf.apply(slots[i] - 1).equals(key)) {
                return slots[i] - 1;
            }
        }
        return -1;
    }

    /** Scans the lines once, folding each headword (without making a String when it is ASCII). */
    private static final class Loader {
        final byte[] text;
        int[] lineStart = new int[1 << 12];
        int[] nextLine = new int[1 << 12];
        int[] lastLine = new int[1 << 12]; // per line index of a key's first line: the chain's last line
        int lines;
        int[] slots = new int[1 << 12];
        int[] hashes = new int[1 << 12];
        int size;
        int longest;
        // results of foldAscii
        private int hash;
        private int words;

        Loader(byte[] text) {
            this.text = text;
        }

        void load() {
            int n = text.length;
            int start = 0;
            while (start < n) {
                int nl = indexOf(text, NL, start, n);
                int end = nl < 0 ? n : nl;
                line(start, end > start && text[end - 1] == '\r' ? end - 1 : end);
                start = end + 1;
            }
        }

        private void line(int start, int end) {
            if (end <= start || text[start] == '#') {
                return;
            }
            int tab = indexOf(text, TAB, start, end);
            if (tab <= start || !hasTranslation(tab + 1, end)) {
                return;
            }
            String key = null;
            if (!foldAscii(start, tab)) {
                key = fold(new String(text, start, tab - start, StandardCharsets.UTF_8));
                if (key.isEmpty()) {
                    return;
                }
                hash = key.hashCode();
                words = 1;
                for (int i = 0; i < key.length(); i++) {
                    if (key.charAt(i) == ' ') {
                        words++;
                    }
                }
            } else if (words == 0) {
                return; // blank headword
            }
            int line = addLine(start);
            int h = spread(hash);
            if (2 * (size + 1) > slots.length) {
                grow();
            }
            int mask = slots.length - 1;
            int i = h & mask;
            for (; slots[i] != 0; i = (i + 1) & mask) {
                if (hashes[i] == h) {
                    if (key == null) {
                        key = fold(new String(text, start, tab - start, StandardCharsets.UTF_8));
                    }
                    int first = slots[i] - 1;
                    if (foldedHeadword(first).equals(key)) {
                        nextLine[lastLine[first]] = line;
                        lastLine[first] = line;
                        return;
                    }
                }
            }
            slots[i] = line + 1;
            hashes[i] = h;
            size++;
            longest = Math.max(longest, words);
        }

        /** Folds an ASCII headword in place of {@link #fold}: sets hash and words; false if not ASCII. */
        private boolean foldAscii(int start, int end) {
            int h = 0;
            int w = 0;
            boolean space = false;
            for (int i = start; i < end; i++) {
                int b = text[i];
                if (b < 0) {
                    return false;
                }
                if (Character.isWhitespace(b)) {
                    space = w > 0;
                    continue;
                }
                if (space) {
                    h = 31 * h + ' ';
                    space = false;
                    w++;
                } else if (w == 0) {
                    w = 1;
                }
                h = 31 * h + (b >= 'A' && b <= 'Z' ? b + 32 : b);
            }
            hash = h;
            words = w;
            return true;
        }

        private boolean hasTranslation(int from, int end) {
            for (int i = from; i < end; i++) {
                byte b = text[i];
                if (b != TAB && b != ' ') {
                    return true;
                }
            }
            return false;
        }

        private int addLine(int start) {
            if (lines == lineStart.length) {
                lineStart = Arrays.copyOf(lineStart, lines * 2);
                nextLine = Arrays.copyOf(nextLine, lines * 2);
                lastLine = Arrays.copyOf(lastLine, lines * 2);
            }
            lineStart[lines] = start;
            nextLine[lines] = -1;
            lastLine[lines] = lines;
            return lines++;
        }

        private String foldedHeadword(int line) {
            int start = lineStart[line];
            int tab = indexOf(text, TAB, start, text.length);
            return fold(new String(text, start, tab - start, StandardCharsets.UTF_8));
        }

        private void grow() {
            int[] oldSlots = slots;
            int[] oldHashes = hashes;
            slots = new int[oldSlots.length * 2];
            hashes = new int[oldSlots.length * 2];
            int mask = slots.length - 1;
            for (int j = 0; j < oldSlots.length; j++) {
                if (oldSlots[j] != 0) {
                    int i = oldHashes[j] & mask;
                    while (slots[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    slots[i] = oldSlots[j];
                    hashes[i] = oldHashes[j];
                }
            }
        }
    }
}
