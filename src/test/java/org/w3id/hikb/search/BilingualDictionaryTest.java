package org.w3id.hikb.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads the real lexicons of {@code data/lexicons/} (Maven runs tests in the project directory). */
class BilingualDictionaryTest {
    private static final Path DIR = Path.of("data", "lexicons");
    private static final Map<String, BilingualDictionary> ALL = new TreeMap<>();
    private static long loadMillis;

    @BeforeAll
    static void loadAll() throws IOException {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long start = System.nanoTime();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(DIR, "*.tsv.gz")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    String name = file.getFileName().toString().replace(".tsv.gz", "");
                    ALL.put(name, BilingualDictionary.read(in));
                }
            }
        }
        loadMillis = (System.nanoTime() - start) / 1_000_000;
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        StringBuilder sizes = new StringBuilder();
        ALL.forEach((name, d) -> sizes.append(' ').append(name).append('=').append(d.size()));
        System.out.printf("BilingualDictionary: %d files loaded in %d ms, heap used %d MB more (%d -> %d MB);%s%n",
                ALL.size(), loadMillis, (after - before) >> 20, before >> 20, after >> 20, sizes);
    }

    @AfterAll
    static void release() {
        ALL.clear(); // the suite runs in one JVM: do not keep about 100 MB for the tests that follow
    }

    private static List<String> tr(String dict, String word) {
        BilingualDictionary d = ALL.get(dict);
        assertTrue(d != null, "missing data/lexicons/" + dict + ".tsv.gz");
        return d.translations(word);
    }

    private static void assertHas(String dict, String word, String... anyOf) {
        List<String> got = tr(dict, word);
        for (String expected : anyOf) {
            if (got.contains(expected)) {
                return;
            }
        }
        throw new AssertionError(dict + " " + word + ": expected one of " + List.of(anyOf) + " in " + got);
    }

    @Test
    void loadsAllFilesQuickly() {
        for (String name : List.of("de-en", "en-de", "it-en", "en-it", "sv-en", "en-sv", "sv-de", "it-en-wikdict",
                "sv-en-wikdict")) {
            assertTrue(ALL.containsKey(name), name);
        }
        assertTrue(ALL.get("de-en").size() > 300_000, "de-en size " + ALL.get("de-en").size());
        assertTrue(loadMillis < 5_000, "loading took " + loadMillis + " ms");
    }

    @Test
    void germanToEnglish() {
        assertHas("de-en", "Telemedizin", "telemedicine");
        assertHas("de-en", "Pflege", "care", "nursing");
        assertHas("de-en", "Demenz", "dementia");
        assertHas("de-en", "ländlich", "rural");
        assertHas("de-en", "Krankenhaus", "hospital");
        assertHas("de-en", "Alterung", "ageing", "aging");
        assertHas("de-en", "KMU", "SME", "small and medium-sized enterprises");
        assertHas("de-en", "Rollator", "rollator");
        assertHas("de-en", "Hochleistungsrechnen", "high-performance computing");
        assertHas("de-en", "künstliche Intelligenz", "artificial intelligence");
        assertHas("de-en", "Altenpflege", "elderly care", "geriatric care");
        assertEquals("health", tr("de-en", "Gesundheit").get(0), "rank order");
        assertEquals(5, ALL.get("de-en").longestHeadwordWords());
    }

    @Test
    void foldsCaseAccentsAndSpaces() {
        assertEquals(tr("de-en", "ländlich"), tr("de-en", "LÄNDLICH"));
        assertHas("de-en", "landlich", "rural");
        assertHas("de-en", "  Künstliche   INTELLIGENZ ", "artificial intelligence");
        assertEquals("landlicher raum", BilingualDictionary.fold("Ländlicher \t Raum"));
        // Swedish "hälsa" (health) and "halsa" (swig) fold alike; the exact spelling gets its own entry
        assertHas("sv-de", "hälsa", "Gesundheit");
        assertFalse(tr("sv-de", "hälsa").contains("halsen"), tr("sv-de", "hälsa").toString());
        assertHas("sv-de", "HÄLSA", "Gesundheit");
        assertHas("sv-de", "halsa", "halsen");
    }

    @Test
    void englishToGerman() {
        assertHas("en-de", "telemedicine", "Telemedizin");
        assertHas("en-de", "nursing home", "Pflegeheim");
        assertHas("en-de", "hospital", "Krankenhaus");
    }

    @Test
    void italianAndSwedish() {
        assertHas("it-en", "ospedale", "hospital");
        assertHas("it-en", "salute", "health");
        assertHas("it-en", "medico", "doctor", "physician");
        assertHas("it-en", "cura", "care");
        assertHas("en-it", "hospital", "ospedale");
        assertHas("sv-en", "sjukhus", "hospital");
        assertHas("sv-en", "läkare", "doctor", "physician");
        assertHas("sv-en", "sjuksköterska", "nurse");
        assertHas("en-sv", "hospital", "sjukhus");
        assertHas("sv-de", "sjukvård", "Krankenpflege");
        assertHas("sv-de", "hemtjänst", "Pflegedienst");
        assertHas("sv-de", "äldreomsorg", "Altenpflege");
        assertHas("sv-de", "demens", "Demenz");
        assertHas("sv-de", "glesbygd", "ländliches Gebiet");
    }

    @Test
    void triangulatedItalianAndSwedish() {
        assertHas("it-en-wikdict", "innovazione", "innovation");
        assertHas("it-en-wikdict", "invecchiamento", "aging", "ageing");
        assertHas("it-en-wikdict", "demenza", "dementia");
        assertHas("it-en-wikdict", "telemedicina", "telemedicine");
        assertHas("it-en-wikdict", "infermiere", "nurse");
        assertHas("it-en-wikdict", "sanità", "health");
        assertHas("sv-en-wikdict", "demens", "dementia");
        assertHas("sv-en-wikdict", "sjukvård", "health care");
        assertHas("sv-en-wikdict", "äldreomsorg", "eldercare");
        assertHas("sv-en-wikdict", "landsbygd", "countryside");
        assertHas("sv-en-wikdict", "innovation", "innovation");
        // "vård" (care) and "värd" (host) fold alike; the exact spelling keeps them apart
        assertHas("sv-en-wikdict", "vård", "care");
        assertFalse(tr("sv-en-wikdict", "vård").contains("host"), tr("sv-en-wikdict", "vård").toString());
    }

    @Test
    void unknownWordsGetNothing() {
        assertTrue(tr("de-en", "Xyzzyquux").isEmpty());
        assertTrue(tr("it-en", "").isEmpty());
        assertTrue(ALL.get("sv-en").translations(null).isEmpty());
    }

    @Test
    void readsAndMergesASmallFile() throws IOException {
        String tsv = "# comment\nGut\testate\tgood\nBar\tbar\ngut\tgood\twell\nBär\tbear\n\nno tab line\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(tsv.getBytes(StandardCharsets.UTF_8));
        }
        BilingualDictionary d = BilingualDictionary.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(2, d.size());
        assertEquals(List.of("estate", "good", "well"), d.translations("GUT"));
        // "Bar" and "Bär" fold alike: each spelling gets its own, any other spelling both
        assertEquals(List.of("bar"), d.translations("BAR"));
        assertEquals(List.of("bear"), d.translations("bär"));
        assertEquals(List.of("bar", "bear"), d.translations("bâr"));
        assertEquals(1, d.longestHeadwordWords());
        BilingualDictionary plain = BilingualDictionary.read(
                new ByteArrayInputStream("Bar\tbar\nBär\tbear\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("bear"), plain.translations("bär"));
        assertEquals(List.of("bar"), plain.translations("Bar"));
        assertEquals(List.of("bar", "bear"), plain.translations("bâr"));
    }
}
