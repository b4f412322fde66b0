package org.w3id.hikb.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A small text model that says whether an English text (a project title) is about human health or care. It
 * is a logistic regression over the text's English word stems and pairs of adjacent stems ("bone metastas"),
 * each counted once, trained by distant supervision from the sources' own labels (see
 * {@link HealthModelTrainer}): CORDIS projects of the health programme parts as positives, projects of
 * clearly non-health thematic programme parts as negatives. It is meant for the records that carry no
 * programme signal, such as ERC and Marie Skłodowska-Curie projects, whose title is all they say.
 *
 * <p>The weights are read from {@code data/models/health-model.tsv} (packaged in the application as the bundle): a line
 * {@code bias<TAB>value}, a line {@code threshold<TAB>value}, then {@code feature<TAB>weight} lines (a
 * feature is a stem, or two stems joined by a space). Lines starting with {@code #} are comments.
 */
public final class HealthModel {
    static final String RESOURCE = "/bundle/data/models/health-model.tsv";

    private final double bias;
    private final double threshold;
    private final Map<String, Double> weights;

    private HealthModel(double bias, double threshold, Map<String, Double> weights) {
        this.bias = bias;
        this.threshold = threshold;
        this.weights = weights;
    }

    private static final class Holder {
        static final HealthModel MODEL = readResource();
    }

    /** The bundled model (read once, then shared; the model is immutable and thread-safe). */
    public static HealthModel load() {
        return Holder.MODEL;
    }

    private static HealthModel readResource() {
        try (InputStream in = HealthModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("no resource " + RESOURCE + " in the packaged bundle (data/models/)");
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a model in the format of {@code health-model.tsv}. */
    static HealthModel read(InputStream in) throws IOException {
        Double bias = null, threshold = null;
        Map<String, Double> weights = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int tab = line.lastIndexOf('\t');
            if (tab < 0) throw new IOException(RESOURCE + ": no tab in line: " + line);
            String key = line.substring(0, tab);
            double value = Double.parseDouble(line.substring(tab + 1).strip());
            if (bias == null && key.equals("bias")) bias = value;
            else if (threshold == null && key.equals("threshold")) threshold = value;
            else weights.put(key, value);
        }
        if (bias == null || threshold == null) throw new IOException(RESOURCE + ": no bias or no threshold line");
        return new HealthModel(bias, threshold, Map.copyOf(weights));
    }

    /** Makes a model from its parts (for the trainer). */
    static HealthModel of(double bias, double threshold, Map<String, Double> weights) {
        return new HealthModel(bias, threshold, Map.copyOf(weights));
    }

    /** The log-odds that the text is about health or care: the bias plus the weight of each of its features, counted once. */
    public double score(String englishText) {
        double s = bias;
        for (String f : features(englishText)) s += weights.getOrDefault(f, 0.0);
        return s;
    }

    /** Whether the model takes the text to be about health or care: {@code score > threshold}. */
    public boolean aboutHealth(String englishText) {
        return score(englishText) > threshold;
    }

    public double threshold() {
        return threshold;
    }

    public double bias() {
        return bias;
    }

    /** The number of weighted features (stems and stem pairs). */
    public int size() {
        return weights.size();
    }

    // ---- features ----

    private static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream t = new EnglishPossessiveFilter(source);
            t = new LowerCaseFilter(t);
            t = new StopFilter(t, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            t = new PorterStemFilter(t);
            return new TokenStreamComponents(source, t);
        }
    };

    /** The text's stems, in order: StandardTokenizer, possessives, lower case, English stop words, Porter stemmer. */
    static List<String> stems(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) return out;
        // Excel's escaped carriage returns, which end many H2020 titles ("..._x005F_x000D_").
        String clean = text.replace("_x005F_x000D_", " ").replace("_x000D_", " ");
        for (List<String> position : org.w3id.hikb.search.TextAnalysis.positions(ANALYZER, clean)) out.add(position.get(0));
        return out;
    }

    /** The text's features, each once: its stems and each pair of adjacent stems (joined by a space). */
    static Set<String> features(String text) {
        List<String> stems = stems(text);
        Set<String> out = new LinkedHashSet<>(stems);
        for (int i = 1; i < stems.size(); i++) out.add(stems.get(i - 1) + " " + stems.get(i));
        return out;
    }
}
