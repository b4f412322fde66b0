package org.w3id.hikb.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordType;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/**
 * How well the classifier agrees with a hand-labelled sample ({@code data/imports/health-sample/labels.tsv}):
 * the sampled rows are read from the sources again, made into records and classified exactly as an import
 * does, without writing anything, and compared with the labels: precision and recall for "about health or
 * care", per stratum of the sample, and per theme.
 */
public final class ClassificationReport {
    /** One labelled record: its slug, source, stratum, whether it is about health, and its themes. */
    record Labelled(String slug, String source, String stratum, boolean health, Set<String> themes, String title) {}

    private ClassificationReport() {}

    /** Reads the sample; the store must hold the theme scheme (the bundle). */
    public static String run(KnowledgeStore store, List<Path> mappings, SourceFiles from, Path labels) {
        return run(store, mappings, from, labels, null);
    }

    /**
     * As {@link #run(KnowledgeStore, List, SourceFiles, Path)}, and writes to {@code evidenceOut}, when not null,
     * one line per sampled record and theme: slug, theme, how many places of its naming and of its longer texts hold
     * the theme's terms, and whether it is classified health (what the theme decision is tuned on).
     */
    public static String run(KnowledgeStore store, List<Path> mappings, SourceFiles from, Path labels, Path evidenceOut) {
        Map<String, Labelled> sample = read(labels);
        StringBuilder evidence = evidenceOut == null ? null : new StringBuilder("slug\ttheme\tnaming\tlonger\thealth\n");
        ThemeClassifier classifier = store.read(ThemeClassifier::fromStore);
        Map<String, Set<String>> predicted = new HashMap<>();
        Set<String> sources = new TreeSet<>();
        sample.values().forEach(l -> sources.add(l.source()));
        for (Path m : mappings) {
            Mapping mapping = Mapping.read(m);
            if (!sources.contains(mapping.source().id())) continue;
            classify(store, mapping, from, sample, classifier, predicted, evidence);
        }
        if (evidenceOut != null) {
            try {
                Files.writeString(evidenceOut, evidence, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return report(sample, predicted);
    }

    private static void classify(KnowledgeStore store, Mapping mapping, SourceFiles from, Map<String, Labelled> sample,
                                 ThemeClassifier classifier, Map<String, Set<String>> predicted, StringBuilder evidence) {
        Node source = new RecordId(RecordType.SOURCE, mapping.source().id()).node();
        RecordMaker maker = new RecordMaker(mapping, source, property -> store.read(dsg ->
                dsg.find(Node.ANY, property, Terms.RDFS_LABEL, Node.ANY).hasNext()));
        try (InputStream in = from.open(mapping.source().file(), null); RowReader rows = RowReader.open(in, mapping)) {
            while (rows.hasNext()) {
                Row row = rows.next();
                RecordMaker.Made made;
                try {
                    made = maker.make(row);
                } catch (Values.BadValue e) {
                    continue;
                }
                if (made.records().isEmpty()) continue;
                RecordMaker.Made.One first = made.records().get(0);
                String slug = first.id().slug();
                if (!sample.containsKey(slug)) continue;
                Set<String> themes = predicted.computeIfAbsent(slug, k -> new LinkedHashSet<>());
                for (Node t : ImportRun.derivedThemes(mapping, row, first.id().node(), first.graph(), classifier))
                    themes.add(t.getURI().substring((Namespaces.CONCEPT + "theme/").length()));
                if (evidence != null)
                    classifier.evidence(first.graph(), first.id().node(), mapping.source().language()).forEach((t, e) -> evidence.append(
                            slug).append('\t').append(t.getURI().substring((Namespaces.CONCEPT + "theme/").length()))
                            .append('\t').append(e.naming()).append('\t').append(e.longer())
                            .append('\t').append(themes.contains("health-and-care") ? 1 : 0).append('\n'));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Labelled> read(Path labels) {
        Map<String, Labelled> out = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) continue;
                String[] c = line.split("\t", -1);
                Set<String> themes = new TreeSet<>();
                for (String t : c[4].trim().split("\\s+")) if (!t.isEmpty()) themes.add(t);
                out.put(c[0], new Labelled(c[0], c[1], c[2], c[3].trim().equals("1"), themes, c.length > 5 ? c[5] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String report(Map<String, Labelled> sample, Map<String, Set<String>> predicted) {
        StringBuilder out = new StringBuilder();
        List<Labelled> missing = sample.values().stream().filter(l -> !predicted.containsKey(l.slug())).toList();
        out.append(String.format("Sample: %d labelled records (%d of them about health or care); %d not found in the sources.%n%n",
                sample.size(), sample.values().stream().filter(Labelled::health).count(), missing.size()));
        out.append("| records | labelled health | classified health | both | precision | recall |\n| --- | --- | --- | --- | --- | --- |\n");
        Map<String, List<Labelled>> strata = new LinkedHashMap<>();
        strata.put("all", new ArrayList<>(sample.values()));
        sample.values().forEach(l -> strata.computeIfAbsent("stratum " + l.stratum(), k -> new ArrayList<>()).add(l));
        List<Labelled> falsePositives = new ArrayList<>(), falseNegatives = new ArrayList<>();
        for (Map.Entry<String, List<Labelled>> e : strata.entrySet()) {
            int labelled = 0, classified = 0, both = 0;
            for (Labelled l : e.getValue()) {
                if (!predicted.containsKey(l.slug())) continue;
                boolean p = predicted.get(l.slug()).contains("health-and-care");
                labelled += l.health() ? 1 : 0;
                classified += p ? 1 : 0;
                both += l.health() && p ? 1 : 0;
                if (e.getKey().equals("all")) {
                    if (p && !l.health()) falsePositives.add(l);
                    if (!p && l.health()) falseNegatives.add(l);
                }
            }
            out.append(String.format("| %s | %d | %d | %d | %s | %s |%n", e.getKey(), labelled, classified, both, ratio(both, classified), ratio(both, labelled)));
        }
        out.append("\n| theme | labelled | classified | both | precision | recall |\n| --- | --- | --- | --- | --- | --- |\n");
        Set<String> themes = new TreeSet<>();
        sample.values().forEach(l -> themes.addAll(l.themes()));
        predicted.values().forEach(themes::addAll);
        themes.remove("health-and-care");
        int[] all = new int[3];
        for (String t : themes) {
            int labelled = 0, classified = 0, both = 0;
            for (Labelled l : sample.values()) {
                if (!predicted.containsKey(l.slug())) continue;
                boolean lab = l.themes().contains(t), p = predicted.get(l.slug()).contains(t);
                labelled += lab ? 1 : 0;
                classified += p ? 1 : 0;
                both += lab && p ? 1 : 0;
            }
            all[0] += labelled;
            all[1] += classified;
            all[2] += both;
            out.append(String.format("| %s | %d | %d | %d | %s | %s |%n", t, labelled, classified, both, ratio(both, classified), ratio(both, labelled)));
        }
        out.append(String.format("| every (record, theme) pair | %d | %d | %d | %s | %s |%n", all[0], all[1], all[2], ratio(all[2], all[1]), ratio(all[2], all[0])));
        out.append("\nTheme calls that differ (+ classified, not labelled; - labelled, not classified):\n");
        for (Labelled l : sample.values()) {
            if (!l.health() || !predicted.containsKey(l.slug()) || !predicted.get(l.slug()).contains("health-and-care")) continue;
            Set<String> p = new TreeSet<>(predicted.get(l.slug()));
            p.remove("health-and-care");
            StringBuilder diff = new StringBuilder();
            for (String t : p) if (!l.themes().contains(t)) diff.append(" +").append(t);
            for (String t : l.themes()) if (!p.contains(t)) diff.append(" -").append(t);
            if (!diff.isEmpty()) out.append("  ").append(l.slug()).append(diff).append("  ").append(l.title()).append('\n');
        }
        out.append("\nClassified health, labelled not:\n");
        falsePositives.forEach(l -> out.append("  ").append(l.slug()).append("  ").append(l.title()).append('\n'));
        out.append("Labelled health, classified not:\n");
        falseNegatives.forEach(l -> out.append("  ").append(l.slug()).append("  ").append(l.title()).append('\n'));
        if (!missing.isEmpty()) {
            out.append("Not found in the sources:\n");
            missing.forEach(l -> out.append("  ").append(l.slug()).append('\n'));
        }
        return out.toString();
    }

    private static String ratio(int part, int whole) {
        return whole == 0 ? "-" : String.format("%.3f", (double) part / whole);
    }
}
