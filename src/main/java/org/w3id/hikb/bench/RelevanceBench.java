package org.w3id.hikb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.w3id.hikb.App;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.search.BadSearchException;
import org.w3id.hikb.search.RecordSearcher;
import org.w3id.hikb.search.SearchResult;
import org.w3id.hikb.search.Translations;

/**
 * How often a search in one language finds a record written in another: the committed query set
 * ({@code bench/relevance/queries.tsv}, real record titles and first summary sentences with translations by
 * the team) is searched in each of the four languages, and the rank of the target record gives hit@1, hit@3,
 * hit@10 and the mean reciprocal rank, per query language; the query in the record's own language is the
 * upper bound. Measured twice in the same run: with the dictionaries (as the server searches) and without
 * (the search as it was before query translation).
 */
final class RelevanceBench {
    private RelevanceBench() {}

    record Query(String id, String target, String kind, Lang original, Map<Lang, String> text) {}

    static List<Query> queries() {
        try (InputStream in = RelevanceBench.class.getResourceAsStream("/org/w3id/hikb/bench/relevance/queries.tsv")) {
            List<Query> out = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] c = lines[i].split("\t", -1);
                if (c.length < 8) continue;
                Map<Lang, String> text = new EnumMap<>(Lang.class);
                text.put(Lang.EN, c[4]);
                text.put(Lang.IT, c[5]);
                text.put(Lang.DE, c[6]);
                text.put(Lang.SV, c[7]);
                out.add(new Query(c[0], c[1], c[2], Lang.of(c[3]).orElseThrow(), text));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void run(Path dataDir, Lang misses, PrintStream out) {
        List<Query> queries = queries();
        try (App app = Workspace.open(dataDir)) {
            long missing = queries.stream().filter(q -> !app.index().indexedIds().contains(targetUri(app, q.target()))).count();
            out.printf("%d queries, %d targets not in this store (they count as misses); %,d records indexed.%n%n",
                    queries.size(), missing, app.index().indexedIds().size());
            Map<String, RecordSearcher> searchers = new LinkedHashMap<>();
            searchers.put("without dictionaries", new RecordSearcher(app.index(), Translations.none()));
            searchers.put("with dictionaries", new RecordSearcher(app.index(), app.translations()));
            for (Map.Entry<String, RecordSearcher> s : searchers.entrySet()) {
                out.println("### " + s.getKey());
                out.println();
                out.println("| records written in | query in | queries | hit@1 | hit@3 | hit@10 | MRR |");
                out.println("| --- | --- | --- | --- | --- | --- | --- |");
                for (String group : List.of("en", "native")) {
                    for (Lang l : Lang.values()) {
                        List<Integer> ranks = new ArrayList<>();
                        for (Query q : queries) {
                            if (group.equals("en") != (q.original() == Lang.EN)) continue;
                            ranks.add(rank(s.getValue(), q.text().get(l), l, targetUri(app, q.target())));
                        }
                        if (ranks.isEmpty()) continue;
                        out.println(row(group.equals("en") ? "English" : "Swedish, German", l, ranks, queries, group));
                    }
                }
                out.println();
            }
            if (misses != null) printMisses(searchers.get("with dictionaries"), app, queries, misses, out);
        }
    }

    /** Every query in {@code lang} whose record is not in the top 3 (with dictionaries), and the first three found. */
    private static void printMisses(RecordSearcher searcher, App app, List<Query> queries, Lang lang, PrintStream out) {
        out.println("### misses in " + lang.code());
        out.println();
        for (Query q : queries) {
            String text = q.text().get(lang);
            if (q.original() == lang || text == null || text.isBlank()) continue;
            List<SearchResult.Hit> hits;
            try {
                hits = searcher.textSearch(text, lang, 10);
            } catch (BadSearchException e) {
                out.printf("- %s refused: %s%n", q.id(), e.getMessage());
                continue;
            }
            String target = targetUri(app, q.target());
            int r = 1 + hits.stream().map(SearchResult.Hit::id).toList().indexOf(target);
            if (r >= 1 && r <= 3) continue;
            out.printf("- %s (rank %s) %s%n  en: %s%n", q.id(), r == 0 ? ">10" : r, text, q.text().get(Lang.EN));
            hits.stream().limit(3).forEach(h -> out.println("    got " + h.id()));
        }
    }

    private static Map<String, String> bySlug;

    private static synchronized String targetUri(App app, String slug) {
        if (bySlug == null) {
            bySlug = new java.util.HashMap<>();
            for (String id : app.index().indexedIds()) RecordId.ofUri(id).ifPresent(r -> bySlug.put(r.slug(), id));
        }
        return bySlug.getOrDefault(slug, slug);
    }

    /** The 1-based rank of the target among the first 10, or 0 when it is not there. */
    private static int rank(RecordSearcher searcher, String text, Lang lang, String target) {
        if (text == null || text.isBlank()) return 0;
        try {
            // The ranking of /api/search without its facets and snippets, which do not change the order.
            List<SearchResult.Hit> hits = searcher.textSearch(text, lang, 10);
            for (int i = 0; i < hits.size(); i++)
                if (hits.get(i).id().equals(target)) return i + 1;
            return 0;
        } catch (BadSearchException e) {
            return 0;
        }
    }

    private static String row(String written, Lang l, List<Integer> ranks, List<Query> queries, String group) {
        int n = ranks.size();
        double h1 = ranks.stream().filter(r -> r == 1).count() / (double) n;
        double h3 = ranks.stream().filter(r -> r >= 1 && r <= 3).count() / (double) n;
        double h10 = ranks.stream().filter(r -> r >= 1).count() / (double) n;
        double mrr = ranks.stream().mapToDouble(r -> r == 0 ? 0 : 1.0 / r).sum() / n;
        String own = group.equals("en") ? (l == Lang.EN ? " (own language)" : "") : "";
        return String.format("| %s | %s%s | %d | %.3f | %.3f | %.3f | %.3f |", written, l.code(), own, n, h1, h3, h10, mrr);
    }
}
