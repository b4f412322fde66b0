package org.w3id.hikb.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The countries of the world as Natural Earth draws them at 1:50 million ({@code countries-50m.json} of npm
 * {@code world-atlas}, see the README beside it), read once: for each country with an ISO 3166-1 code, its
 * outline on a map of Europe (SVG path data in a {@value #WIDTH} × {@value #HEIGHT} box, Lambert azimuthal
 * equal-area centred on 10° E 52° N) and, in longitude and latitude, its bounding box and the centroid of its
 * largest part (France's is in France, not between it and French Guiana).
 */
public final class CountryShapes {
    public static final int WIDTH = 640, HEIGHT = 469;
    private static final double LON0 = Math.toRadians(10), LAT0 = Math.toRadians(52);
    /** The projected window of the map: Iceland to the Caspian, Crete to the North Cape. */
    private static final double X0 = -0.42, X1 = 0.44, Y0 = -0.30, Y1 = 0.33;
    /** How far outside the window (in pixels) a point is pulled in: far parts of a country collapse onto the edge. */
    private static final double MARGIN = 12;
    /** Points closer than this (in pixels) to the line through their neighbours are dropped. */
    private static final double TOLERANCE = 0.6;
    private static final CountryShapes WORLD = load();

    /**
     * A country: its alpha-3 code, its outline on the map (null when it lies outside it), its bounding box, and
     * its largest part: the part's box, centroid and area (in square degrees).
     */
    public record Shape(String alpha3, String path, Box box, Box mainBox, double centroidLon, double centroidLat, double mainArea) {}

    /** A box of longitudes and latitudes. */
    public record Box(double minLon, double minLat, double maxLon, double maxLat) {
        Box with(double[] p) {
            return new Box(Math.min(minLon, p[0]), Math.min(minLat, p[1]), Math.max(maxLon, p[0]), Math.max(maxLat, p[1]));
        }

        public Box union(Box o) {
            return new Box(Math.min(minLon, o.minLon), Math.min(minLat, o.minLat), Math.max(maxLon, o.maxLon), Math.max(maxLat, o.maxLat));
        }

        static final Box EMPTY = new Box(180, 90, -180, -90);

        /** As a WKT polygon, for {@code dcat:bbox}. */
        public String wkt() {
            return String.format(Locale.ROOT, "POLYGON((%.2f %.2f, %.2f %.2f, %.2f %.2f, %.2f %.2f, %.2f %.2f))", minLon, minLat, maxLon, minLat,
                    maxLon, maxLat, minLon, maxLat, minLon, minLat);
        }
    }

    /** A point as WKT, for {@code dcat:centroid}. */
    public static String pointWkt(double lon, double lat) {
        return String.format(Locale.ROOT, "POINT(%.2f %.2f)", lon, lat);
    }

    /**
     * The box and centroid of several countries together, from their largest parts (a country's overseas parts
     * would stretch the box of Europe across the Atlantic): the union of the parts' boxes, and the centroid of
     * the parts (their centroids weighted by their areas).
     */
    public static String[] mainPartsWkt(List<Shape> shapes) {
        Box box = Box.EMPTY;
        double area = 0, lon = 0, lat = 0;
        for (Shape s : shapes) {
            box = box.union(s.mainBox());
            area += s.mainArea();
            lon += s.centroidLon() * s.mainArea();
            lat += s.centroidLat() * s.mainArea();
        }
        return new String[] { box.wkt(), pointWkt(lon / area, lat / area) };
    }

    private final Map<String, Shape> byAlpha3;
    /** Every outline on the map, with or without a code: the ground the countries with records stand on. */
    private final List<String> ground;

    private CountryShapes(Map<String, Shape> byAlpha3, List<String> ground) {
        this.byAlpha3 = byAlpha3;
        this.ground = ground;
    }

    public static CountryShapes world() {
        return WORLD;
    }

    /** The country with this ISO 3166-1 alpha-3 code (the EU's country table uses the same codes). */
    public Optional<Shape> country(String alpha3) {
        return Optional.ofNullable(byAlpha3.get(alpha3.toUpperCase(Locale.ROOT)));
    }

    /** The countries on the map, in the order of the file. */
    public List<Shape> onTheMap() {
        return byAlpha3.values().stream().filter(s -> s.path() != null).toList();
    }

    /** The outlines of the map's countries that have no code (drawn as ground, without a link). */
    public List<String> uncoded() {
        return ground;
    }

    private static CountryShapes load() {
        Map<String, String> alpha3 = new HashMap<>();
        for (String line : text("iso-3166-codes.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] c = line.split("\t");
            alpha3.put(c[0], c[1]);
        }
        JsonNode topo;
        try (InputStream in = resource("countries-50m.json")) {
            topo = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<double[][]> arcs = arcs(topo);
        List<double[][]> projected = new ArrayList<>();
        for (double[][] arc : arcs) projected.add(simplify(project(arc)));
        Map<String, Shape> out = new LinkedHashMap<>();
        List<String> ground = new ArrayList<>();
        for (JsonNode g : topo.path("objects").path("countries").path("geometries")) {
            List<JsonNode> polygons = new ArrayList<>();
            if (g.path("type").asText().equals("Polygon")) polygons.add(g.path("arcs"));
            else g.path("arcs").forEach(polygons::add);
            if (polygons.isEmpty()) continue;
            StringBuilder path = new StringBuilder();
            Box box = Box.EMPTY, mainBox = Box.EMPTY;
            double bestArea = -1, cLon = 0, cLat = 0;
            for (JsonNode polygon : polygons) {
                for (int r = 0; r < polygon.size(); r++) {
                    double[][] ring = ring(arcs, polygon.get(r));
                    Box ringBox = Box.EMPTY;
                    for (double[] p : ring) ringBox = ringBox.with(p);
                    box = box.union(ringBox);
                    if (r == 0) {
                        double[] c = centroid(ring);
                        if (c[2] > bestArea) { bestArea = c[2]; cLon = c[0]; cLat = c[1]; mainBox = ringBox; }
                    }
                    svg(ring(projected, polygon.get(r)), path);
                }
            }
            String id = g.path("id").asText(null);
            String code = id == null ? null : alpha3.get(id);
            String d = path.isEmpty() ? null : path.toString();
            if (code == null) {
                if (d != null) ground.add(d);
                continue;
            }
            out.put(code, new Shape(code, d, box, mainBox, cLon, cLat, bestArea));
        }
        return new CountryShapes(Collections.unmodifiableMap(out), List.copyOf(ground));
    }

    /** The arcs in longitude and latitude: TopoJSON stores them quantised and delta-encoded. */
    private static List<double[][]> arcs(JsonNode topo) {
        double sx = topo.path("transform").path("scale").get(0).asDouble(), sy = topo.path("transform").path("scale").get(1).asDouble();
        double tx = topo.path("transform").path("translate").get(0).asDouble(), ty = topo.path("transform").path("translate").get(1).asDouble();
        List<double[][]> out = new ArrayList<>();
        for (JsonNode arc : topo.path("arcs")) {
            double[][] pts = new double[arc.size()][];
            long x = 0, y = 0;
            for (int i = 0; i < arc.size(); i++) {
                x += arc.get(i).get(0).asLong();
                y += arc.get(i).get(1).asLong();
                pts[i] = new double[] { x * sx + tx, y * sy + ty };
            }
            out.add(pts);
        }
        return out;
    }

    /** A ring from its arcs (a negative index is the arc reversed: ~i), each arc's first point shared with the last's end. */
    private static double[][] ring(List<double[][]> arcs, JsonNode indexes) {
        List<double[]> out = new ArrayList<>();
        for (JsonNode ix : indexes) {
            int i = ix.asInt();
            double[][] arc = arcs.get(i >= 0 ? i : ~i);
            for (int k = 0; k < arc.length; k++) {
                double[] p = arc[i >= 0 ? k : arc.length - 1 - k];
                if (k == 0 && !out.isEmpty()) continue;
                out.add(p);
            }
        }
        return out.toArray(new double[0][]);
    }

    /** Longitude and latitude to the map's pixels, pulled to within the margin of the window. */
    private static double[][] project(double[][] arc) {
        double[][] out = new double[arc.length][];
        for (int i = 0; i < arc.length; i++) out[i] = toMap(arc[i][0], arc[i][1]);
        return out;
    }

    /** A point in longitude and latitude (degrees) to the map's pixels, pulled to within the margin of the window. */
    public static double[] toMap(double lonDegrees, double latDegrees) {
        double lon = Math.toRadians(lonDegrees), lat = Math.toRadians(latDegrees);
        double k = Math.sqrt(2 / (1 + Math.sin(LAT0) * Math.sin(lat) + Math.cos(LAT0) * Math.cos(lat) * Math.cos(lon - LON0)));
        double x = k * Math.cos(lat) * Math.sin(lon - LON0);
        double y = k * (Math.cos(LAT0) * Math.sin(lat) - Math.sin(LAT0) * Math.cos(lat) * Math.cos(lon - LON0));
        double px = (x - X0) / (X1 - X0) * WIDTH, py = (Y1 - y) / (Y1 - Y0) * HEIGHT;
        return new double[] { clamp(px, WIDTH), clamp(py, HEIGHT) };
    }

    private static double clamp(double v, double size) {
        return Math.max(-MARGIN, Math.min(size + MARGIN, v));
    }

    /** Douglas–Peucker on one arc: both ends kept, so the countries that share it still meet. */
    private static double[][] simplify(double[][] pts) {
        if (pts.length < 3) return pts;
        boolean[] keep = new boolean[pts.length];
        keep[0] = keep[pts.length - 1] = true;
        mark(pts, 0, pts.length - 1, keep);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < pts.length; i++) if (keep[i]) out.add(pts[i]);
        return out.toArray(new double[0][]);
    }

    private static void mark(double[][] pts, int from, int to, boolean[] keep) {
        if (to - from < 2) return;
        double[] a = pts[from], b = pts[to];
        double dx = b[0] - a[0], dy = b[1] - a[1], length = Math.hypot(dx, dy), worst = -1;
        int at = -1;
        for (int i = from + 1; i < to; i++) {
            double d = length == 0 ? Math.hypot(pts[i][0] - a[0], pts[i][1] - a[1])
                    : Math.abs(dy * (pts[i][0] - a[0]) - dx * (pts[i][1] - a[1])) / length;
            if (d > worst) { worst = d; at = i; }
        }
        if (worst <= TOLERANCE) return;
        keep[at] = true;
        mark(pts, from, at, keep);
        mark(pts, at, to, keep);
    }

    /** A ring as SVG path data in whole pixels and relative steps; nothing when it is too small or off the map. */
    private static void svg(double[][] ring, StringBuilder path) {
        List<long[]> q = new ArrayList<>();
        boolean inside = false;
        for (double[] p : ring) {
            long[] r = { Math.round(p[0]), Math.round(p[1]) };
            if (!q.isEmpty() && q.get(q.size() - 1)[0] == r[0] && q.get(q.size() - 1)[1] == r[1]) continue;
            q.add(r);
            inside |= r[0] > -MARGIN && r[0] < WIDTH + MARGIN && r[1] > -MARGIN && r[1] < HEIGHT + MARGIN;
        }
        if (q.size() < 3 || !inside) return;
        path.append('M').append(q.get(0)[0]).append(' ').append(q.get(0)[1]).append('l');
        for (int i = 1; i < q.size(); i++) {
            if (i > 1) path.append(' ');
            path.append(q.get(i)[0] - q.get(i - 1)[0]).append(' ').append(q.get(i)[1] - q.get(i - 1)[1]);
        }
        path.append('z');
    }

    /** The centroid of a ring in longitude and latitude (planar, which is close enough for a country), and its area. */
    private static double[] centroid(double[][] ring) {
        double a = 0, cx = 0, cy = 0;
        for (int i = 0; i < ring.length; i++) {
            double[] p = ring[i], n = ring[(i + 1) % ring.length];
            double cross = p[0] * n[1] - n[0] * p[1];
            a += cross;
            cx += (p[0] + n[0]) * cross;
            cy += (p[1] + n[1]) * cross;
        }
        if (a == 0) return new double[] { ring[0][0], ring[0][1], 0 };
        return new double[] { cx / (3 * a), cy / (3 * a), Math.abs(a / 2) };
    }

    private static InputStream resource(String name) {
        InputStream in = CountryShapes.class.getResourceAsStream(name);
        if (in == null) throw new IllegalStateException("Missing resource org/w3id/hikb/geo/" + name);
        return in;
    }

    private static String text(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
