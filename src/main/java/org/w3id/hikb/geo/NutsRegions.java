package org.w3id.hikb.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The EU's NUTS regions (README.md beside the files): each code's level and name ({@code nuts-regions.tsv}, NUTS
 * 2024) and, for the level-2 regions, a point inside each ({@code nuts2-points.tsv}, Eurostat's NUTS 2021 points),
 * where the map of Europe draws the region's count. Read once; immutable.
 */
public final class NutsRegions {
    /** A region: its code, its NUTS level (0 to 3) and its name in its national language(s). */
    public record Region(String code, int level, String name) {}

    private final Map<String, Region> byCode = new HashMap<>();
    private final Map<String, List<Region>> byName = new HashMap<>();
    private final Map<String, double[]> points = new HashMap<>();

    private NutsRegions() {
        for (String[] c : lines("nuts-regions.tsv")) {
            Region r = new Region(c[0], Integer.parseInt(c[1]), c[2]);
            byCode.put(r.code(), r);
            byName.computeIfAbsent(key(r.name()), k -> new java.util.ArrayList<>()).add(r);
        }
        for (String[] c : lines("nuts2-points.tsv")) points.put(c[0], new double[] { Double.parseDouble(c[1]), Double.parseDouble(c[2]) });
    }

    private static final class Holder {
        static final NutsRegions REGIONS = new NutsRegions();
    }

    public static NutsRegions get() {
        return Holder.REGIONS;
    }

    public Optional<Region> region(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /**
     * The region a source names: by its code ({@code SE33}) or by its exact name, letter case aside ("Övre Norrland",
     * "Västerbottens län"); empty when no region or more than one has that name.
     */
    public Optional<Region> named(String nameOrCode) {
        String s = nameOrCode.strip();
        Region byItsCode = byCode.get(s.toUpperCase(Locale.ROOT));
        if (byItsCode != null) return Optional.of(byItsCode);
        List<Region> found = byName.getOrDefault(key(s), List.of());
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** The level-2 region a code lies in (itself at level 2, its parent at level 3); empty above level 2. */
    public static Optional<String> levelTwo(String code) {
        return code.length() >= 4 ? Optional.of(code.substring(0, 4)) : Optional.empty();
    }

    /** Where on the map of Europe ({@link CountryShapes}' projection and window) a level-2 region's count is drawn. */
    public Optional<double[]> onTheMap(String nuts2) {
        double[] p = points.get(nuts2);
        return p == null ? Optional.empty() : Optional.of(CountryShapes.toMap(p[0], p[1]));
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static List<String[]> lines(String resource) {
        try (InputStream in = NutsRegions.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("no resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
