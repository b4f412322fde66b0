package org.w3id.hikb.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Trains {@link HealthModel} by distant supervision from the CORDIS sources' own classification, on project
 * titles only (the only text an ERC or Marie Skłodowska-Curie record has that is about the project).
 *
 * <ul>
 * <li><b>Positives</b>: H2020 projects of the programme part ("Thema") "Health, demographic change and
 * wellbeing" and FP7 projects of the thematic priority "Health", and the projects whose topic code the
 * mappings' {@code classify:} rules take as health (H2020 {@code SC1-}, {@code PHC-}, ... ; FP7 ICT for
 * health and ageing).</li>
 * <li><b>Negatives</b>: projects of the thematic programme parts that are clearly not about health (ICT,
 * transport, energy, food and agriculture, climate and environment, space, security, nanotechnologies and
 * materials, manufacturing, the social sciences and humanities), unless a topic rule takes them as health.
 * Mixed programme parts (Marie Skłodowska-Curie, ERC, SMEs, FET, infrastructures, ...) are left out: they
 * are where the model is applied.</li>
 * <li>The records of the hand-labelled samples (every {@code .tsv} in {@code data/imports/health-sample/}:
 * {@code labels.tsv}, {@code heldout.tsv}, {@code heldout3.tsv} ...) are left out of the training data, so
 * that figures measured on them stay honest.</li>
 * </ul>
 *
 * <p>The model is an L2-regularised logistic regression over binary features (stems and adjacent stem pairs
 * of {@link HealthModel#features}) seen in at least {@value #MIN_DF} training titles, trained by AdaGrad with
 * a fixed seed, so the output is reproducible. The weights are rounded to 3 decimals and the
 * {@value #MAX_FEATURES} heaviest are kept. The threshold written is {@link #DEFAULT_THRESHOLD} (tuned on
 * {@code labels.tsv}, in combination with the rules, for precision &ge; 0.95), unless one is given.
 *
 * <pre>
 * java -cp target/hikb.jar org.w3id.hikb.importer.HealthModelTrainer [sourceDir [output [sampleDir]]] [--threshold T]
 * java -cp target/hikb.jar org.w3id.hikb.importer.HealthModelTrainer --score model.tsv labels.tsv   (slug, health, score, title)
 * </pre>
 */
public final class HealthModelTrainer {
    static final double DEFAULT_THRESHOLD = 0.5;
    static final int MIN_DF = 2;
    static final int MAX_FEATURES = 20_000;
    /** L2 penalty, applied at each occurrence of a feature (so a feature seen n times is penalised n times). */
    static final double L2 = Double.parseDouble(System.getProperty("hikb.healthModel.l2", "0.1"));
    static final int EPOCHS = Integer.getInteger("hikb.healthModel.epochs", 30);
    static final double RATE = 0.2;
    static final long SEED = 20261201L;
    /** Negatives whose out-of-fold score is above this are taken as mislabelled and left out (null: no cleaning). */
    static final Double CLEAN_ABOVE = System.getProperty("hikb.healthModel.clean", "-1").equals("none") ? null
            : Double.valueOf(System.getProperty("hikb.healthModel.clean", "-1"));

    static final Set<String> H2020_POSITIVE = Set.of("Health, demographic change and wellbeing");
    static final Set<String> H2020_NEGATIVE = Set.of(
            "Information and Communication Technologies",
            "Smart, green and integrated transport",
            "Secure, clean and efficient energy",
            "Food security, sustainable agriculture and forestry, marine and maritime and inland water research",
            "Climate action, environment, resource efficiency and raw materials",
            "Space",
            "Secure societies - Protecting freedom and security of Europe and its citizens",
            "Nanotechnologies, Advanced Materials and Production",
            "Advanced manufacturing and processing",
            "Advanced materials",
            "Europe in a changing world - inclusive, innovative and reflective Societies");
    static final Set<String> FP7_POSITIVE = Set.of("Health");
    static final Set<String> FP7_NEGATIVE = Set.of(
            "Information and Communication Technologies",
            "Nanosciences, Nanotechnologies, Materials and new Production Technologies - NMP",
            "Transport (including Aeronautics)",
            "Energy",
            "Environment (including Climate Change)",
            "Space",
            "Security",
            "Socio-economic sciences and Humanities",
            "Food, Agriculture and Fisheries, and Biotechnology");
    /** The topic-code rules of the mappings' {@code classify:} (cordis-h2020.yaml, cordis-fp7.yaml). */
    static final Pattern H2020_HEALTH_TOPIC = Pattern.compile("^(SC1-|PHC-|HCO-|BHC-|DTH-|IMI2-)");
    /**
     * The English part of the health sample's word net (data/imports/health-sample/README.md): a negative whose
     * title matches it ("nanomedicine" in NMP, "patient" in ICT) is left out, as the source's label is doubtful.
     */
    static final Pattern NET = Pattern.compile("\\b(?:health|medic|clinic|patient|disease|hospital|therap|cancer|tumo|ageing|aging"
            + "|elderly|older people|dementia|diabet|cardio|drug|vaccin|diagnos|pharma|nurs|wellbeing|well-being|infect|epidem|surgery"
            + "|telemedic|ehealth|e-health)|\\bcare(?!er)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    static final Pattern FP7_HEALTH_TOPIC = Pattern.compile("^ICT-20[0-9][0-9]\\.(5\\.[1-4]|7\\.1)");

    record Example(String slug, String title, boolean health, Set<String> features) {}

    private static int[] netNegatives = new int[1];

    private HealthModelTrainer() {}

    public static void main(String[] args) throws IOException {
        List<String> pos = new ArrayList<>();
        Double threshold = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--threshold")) threshold = Double.parseDouble(args[++i]);
            else if (args[i].equals("--score")) {
                score(Path.of(args[i + 1]), Path.of(args[i + 2]));
                return;
            } else pos.add(args[i]);
        }
        Path sources = Path.of(pos.size() > 0 ? pos.get(0) : "data/sources");
        Path output = Path.of(pos.size() > 1 ? pos.get(1) : "data/models/health-model.tsv");
        Path samples = Path.of(pos.size() > 2 ? pos.get(2) : "data/imports/health-sample");

        Set<String> excluded = sampleSlugs(samples);
        List<Example> all = new ArrayList<>();
        int[] left = new int[1];
        netNegatives = new int[1];
        read(sources.resolve("cordis/h2020-projects.csv.gz"), "h2020-", "Thema", H2020_POSITIVE, H2020_NEGATIVE, H2020_HEALTH_TOPIC, excluded, all, left);
        read(sources.resolve("cordis/fp7-projects.csv.gz"), "fp7-", "Thematic Priority Descr", FP7_POSITIVE, FP7_NEGATIVE, FP7_HEALTH_TOPIC, excluded, all, left);
        long npos = all.stream().filter(Example::health).count();
        System.out.printf(Locale.ROOT, "Training titles: %d (%d health, %d not); %d sample records left out%n",
                all.size(), npos, all.size() - npos, left[0]);
        System.out.printf(Locale.ROOT, "Negatives left out because their title names health: %d%n", netNegatives[0]);

        if (CLEAN_ABOVE != null) all = clean(all);

        // Self-check: train on 90 %, measure on the other 10 % (split by a hash of the slug).
        List<Example> train = new ArrayList<>(), check = new ArrayList<>();
        for (Example e : all) (Math.floorMod(e.slug().hashCode() * 31 + 7, 10) == 0 ? check : train).add(e);
        Map<String, Double> w = fit(train);
        double b = w.remove("\u0000bias");
        HealthModel m = HealthModel.of(b, 0.0, w);
        selfCheck(m, check);

        // The model: all the training titles.
        Map<String, Double> weights = fit(all);
        double bias = round(weights.remove("\u0000bias"));
        List<Map.Entry<String, Double>> kept = new ArrayList<>();
        for (var e : weights.entrySet()) {
            double v = round(e.getValue());
            if (v != 0.0) kept.add(Map.entry(e.getKey(), v));
        }
        kept.sort(Comparator.<Map.Entry<String, Double>>comparingDouble(e -> -Math.abs(e.getValue())).thenComparing(Map.Entry::getKey));
        if (kept.size() > MAX_FEATURES) kept = new ArrayList<>(kept.subList(0, MAX_FEATURES));
        kept.sort(Map.Entry.comparingByKey());
        double t = threshold != null ? threshold : DEFAULT_THRESHOLD;

        if (output.getParent() != null) Files.createDirectories(output.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            out.write("bias\t" + fmt(bias) + "\n");
            out.write("threshold\t" + fmt(t) + "\n");
            for (var e : kept) out.write(e.getKey() + "\t" + fmt(e.getValue()) + "\n");
        }
        System.out.printf(Locale.ROOT, "Wrote %s: %d features (of %d), bias %.3f, threshold %.3f%n", output, kept.size(), weights.size(), bias, t);

        List<Map.Entry<String, Double>> byWeight = new ArrayList<>(kept);
        byWeight.sort(Map.Entry.comparingByValue());
        System.out.println("Most health-like: " + names(byWeight.subList(Math.max(0, byWeight.size() - 25), byWeight.size()), true));
        System.out.println("Least health-like: " + names(byWeight.subList(0, Math.min(25, byWeight.size())), false));
        Map<String, Double> keptMap = new HashMap<>();
        for (var e : kept) keptMap.put(e.getKey(), e.getValue());
        HealthModel model = HealthModel.of(bias, t, keptMap);
        for (String s : List.of("Autoimmune encephalitis antibodies", "Regulation of bone metastases by age-associated angiocrine signals",
                "Rebalancing the brain: Guiding brain recovery after stroke", "Graphene flagship core project",
                "Structural health monitoring of bridges", "The history of the Byzantine empire", "Dark matter in dwarf galaxies"))
            System.out.printf(Locale.ROOT, "  %7.3f  %-5s  %s%n", model.score(s), model.aboutHealth(s), s);
    }

    private static String names(List<Map.Entry<String, Double>> l, boolean reverse) {
        List<String> out = new ArrayList<>();
        for (var e : l) out.add(e.getKey() + " " + fmt(e.getValue()));
        if (reverse) Collections.reverse(out);
        return String.join(", ", out);
    }

    private static void read(Path file, String prefix, String partColumn, Set<String> positive, Set<String> negative,
            Pattern healthTopic, Set<String> excluded, List<Example> out, int[] left) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
                Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            Map<String, String> column = new HashMap<>();
            for (String h : p.getHeaderNames()) column.put(h.strip().replaceAll("\\s+", " "), h);
            for (CSVRecord rec : p) {
                if (!rec.isConsistent()) continue;
                String title = rec.get(column.get("Project Title")).strip();
                String part = rec.get(column.get(partColumn)).strip();
                String topic = rec.get(column.get("Topic Code")).strip();
                String slug = prefix + rec.get(column.get("Project Nbr")).strip();
                if (title.isEmpty()) continue;
                Boolean health = positive.contains(part) || healthTopic.matcher(topic).find() ? Boolean.TRUE
                        : negative.contains(part) ? Boolean.FALSE : null;
                if (health == null) continue;
                // A negative whose title names health (the sample's word net) is not clearly about something else: left out.
                if (!health && NET.matcher(title).find()) {
                    netNegatives[0]++;
                    continue;
                }
                if (excluded.contains(slug)) {
                    left[0]++;
                    continue;
                }
                out.add(new Example(slug, title, health, HealthModel.features(title)));
            }
        }
    }

    /** The slugs of the hand-labelled samples (first column of every {@code .tsv} in the directory), if there are any. */
    static Set<String> sampleSlugs(Path dir) throws IOException {
        Set<String> out = new HashSet<>();
        if (!Files.isDirectory(dir)) return out;
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".tsv")).toList())
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) out.add(line.substring(0, tab));
                }
        }
        return out;
    }

    /**
     * Leaves out the negatives that a model trained without them (5 folds) scores above {@link #CLEAN_ABOVE}:
     * titles of non-health programme parts that read as health ("cardiac tissue engineering" in NMP).
     */
    static List<Example> clean(List<Example> all) {
        int folds = 5;
        List<Example> out = new ArrayList<>();
        int dropped = 0;
        for (int k = 0; k < folds; k++) {
            List<Example> train = new ArrayList<>(), test = new ArrayList<>();
            for (Example e : all) (Math.floorMod(e.slug().hashCode(), folds) == k ? test : train).add(e);
            Map<String, Double> w = fit(train);
            double b = w.remove("\u0000bias");
            HealthModel m = HealthModel.of(b, 0.0, w);
            for (Example e : test)
                if (!e.health() && m.score(e.title()) > CLEAN_ABOVE) dropped++;
                else out.add(e);
        }
        out.sort(Comparator.comparing(Example::slug));
        System.out.printf(Locale.ROOT, "Cleaning: %d negatives scored above %.2f by the other folds, left out%n", dropped, CLEAN_ABOVE);
        return out;
    }

    /** Logistic regression by AdaGrad with L2; the bias is returned under the key "\0bias". */
    static Map<String, Double> fit(List<Example> data) {
        Map<String, Integer> df = new HashMap<>();
        for (Example e : data) for (String f : e.features()) df.merge(f, 1, Integer::sum);
        List<String> names = new ArrayList<>();
        for (var e : df.entrySet()) if (e.getValue() >= MIN_DF) names.add(e.getKey());
        Collections.sort(names);
        Map<String, Integer> index = new HashMap<>();
        for (String n : names) index.put(n, index.size());
        int[][] x = new int[data.size()][];
        double[] y = new double[data.size()];
        for (int i = 0; i < data.size(); i++) {
            Example e = data.get(i);
            x[i] = e.features().stream().map(index::get).filter(j -> j != null).mapToInt(Integer::intValue).sorted().toArray();
            y[i] = e.health() ? 1 : 0;
        }
        int nf = names.size();
        double[] w = new double[nf], g2 = new double[nf];
        double bias = 0, gb2 = 0;
        Integer[] order = new Integer[data.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Random random = new Random(SEED);
        List<Integer> ord = java.util.Arrays.asList(order);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Collections.shuffle(ord, random);
            for (int i : ord) {
                double z = bias;
                for (int j : x[i]) z += w[j];
                double p = 1 / (1 + Math.exp(-z));
                double g = p - y[i];
                gb2 += g * g;
                bias -= RATE * g / Math.sqrt(gb2 + 1e-8);
                for (int j : x[i]) {
                    double gj = g + L2 * w[j];
                    g2[j] += gj * gj;
                    w[j] -= RATE * gj / Math.sqrt(g2[j] + 1e-8);
                }
            }
        }
        Map<String, Double> out = new HashMap<>();
        for (int j = 0; j < nf; j++) out.put(names.get(j), w[j]);
        out.put("\u0000bias", bias);
        return out;
    }

    private static void selfCheck(HealthModel m, List<Example> check) {
        List<double[]> s = new ArrayList<>();
        for (Example e : check) s.add(new double[] { m.score(e.title()), e.health() ? 1 : 0 });
        long pos = s.stream().filter(a -> a[1] == 1).count(), neg = s.size() - pos;
        // AUC by ranks.
        s.sort(Comparator.comparingDouble(a -> a[0]));
        double rankSum = 0;
        for (int i = 0; i < s.size(); i++) if (s.get(i)[1] == 1) rankSum += i + 1;
        double auc = (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
        int tp = 0, fp = 0, fn = 0;
        for (double[] a : s) {
            boolean said = a[0] > 0;
            if (said && a[1] == 1) tp++;
            else if (said) fp++;
            else if (a[1] == 1) fn++;
        }
        System.out.printf(Locale.ROOT, "Self-check on a 10 %% split (%d titles, %d health): AUC %.3f; at score > 0: precision %.3f, recall %.3f%n",
                s.size(), pos, auc, tp / (double) Math.max(1, tp + fp), tp / (double) Math.max(1, tp + fn));
    }

    /** Prints slug, label, score and title for each record of a labelled sample (for tuning the threshold). */
    static void score(Path model, Path labels) throws IOException {
        HealthModel m;
        try (InputStream in = Files.newInputStream(model)) {
            m = HealthModel.read(in);
        }
        List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            if (c.length < 6) continue;
            System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%.4f\t%s%n", c[0], c[2], c[3], m.score(c[5]), c[5]);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.equals("-0.000") ? "0.000" : s;
    }
}
