package org.w3id.hikb.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.Record;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordReader;
import org.w3id.hikb.records.RunningPeriod;
import org.w3id.hikb.search.SearchResult;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;
import org.w3id.hikb.recordjson.RecordJson;

/**
 * A found record as one line of a result list: its title and summary in the reader's language (with the
 * language each came in), the snippet, and the key facts a policy maker scans for: programme, countries,
 * period and status, budget. Read from the store, inside a read transaction.
 */
final class ResultItems {
    private final RecordReader reader;
    private final Labels labels;
    private final RecordJson json;
    private final Lang lang;

    ResultItems(DatasetGraph dsg, Lang lang) {
        this.reader = new RecordReader(dsg);
        this.labels = new Labels(dsg);
        this.json = new RecordJson(labels, lang);
        this.lang = lang;
    }

    /** The item of a hit, or empty if the record has gone from the store since it was indexed. */
    Optional<ObjectNode> item(SearchResult.Hit hit) {
        return RecordId.ofUri(hit.id()).flatMap(reader::read).map(r -> item(r, hit));
    }

    private ObjectNode item(Record r, SearchResult.Hit hit) {
        ObjectNode o = RecordJson.JSON.objectNode();
        o.put("id", r.id().uri());
        o.put("slug", r.id().slug());
        o.put("type", r.id().type().segment());
        ObjectNode display = json.display(r.node());
        o.set("title", display.get("title"));
        if (display.hasNonNull("titleLanguage")) o.set("titleLanguage", display.get("titleLanguage"));
        if (display.has("summary")) {
            o.set("summary", display.get("summary"));
            if (display.hasNonNull("summaryLanguage")) o.set("summaryLanguage", display.get("summaryLanguage"));
        }
        o.set("facts", facts(r));
        if (hit.snippet() != null) {
            o.put("snippet", hit.snippet());
            if (hit.snippetLang() != null) o.put("snippetLanguage", hit.snippetLang().code());
        }
        ArrayNode languages = o.putArray("language");
        r.values(Terms.LANGUAGE).forEach(l -> languages.add(Lang.ofAuthority(l).map(Lang::code).orElse(RecordJson.JSON.textNode(l.toString()).asText())));
        o.put("score", hit.score());
        o.set("acronyms", strings(r.literals(r.node(), HIKB.acronym)));
        ArrayNode programmes = o.putArray("programmes");
        r.values(HIKB.programme).forEach(p -> programmes.add(json.ref(p)));
        ArrayNode countries = o.putArray("countries");
        for (Node c : r.values(HIKB.country))
            countries.add(json.ref(c).put("code", c.isURI() ? c.getURI().replace(Namespaces.COUNTRY, "") : c.toString()));
        first(r, HIKB.startDate).ifPresent(v -> o.put("startDate", v.getLiteralLexicalForm()));
        first(r, HIKB.endDate).ifPresent(v -> o.put("endDate", v.getLiteralLexicalForm()));
        RunningPeriod period = RunningPeriod.of(first(r, HIKB.startDate).orElse(null), first(r, HIKB.endDate).orElse(null),
                first(r, HIKB.duration).orElse(null));
        period.statusOn(LocalDate.now()).ifPresent(s -> o.put("status", s.name().toLowerCase(Locale.ROOT)));
        budget(r).ifPresent(b -> {
            o.put("totalBudget", b);
            o.put("currency", "EUR");
        });
        return o;
    }

    /**
     * What the record says of itself besides its title, for a line under it when it has no summary (most
     * CORDIS records): its programme part, call topic and EU contribution, each with its label in the reader's
     * language and the language of its value.
     */
    private ArrayNode facts(Record r) {
        ArrayNode a = RecordJson.JSON.arrayNode();
        Messages text = Messages.of(lang);
        labels.text(r.node(), List.of(HIKB.programmePart), lang).ifPresent(t -> fact(a, text.get("facts.programmePart"), t.value(), t.lang()));
        labels.text(r.node(), List.of(HIKB.keyword), lang).ifPresent(t -> fact(a, text.get("facts.topic"), t.value(), t.lang()));
        euContribution(r).ifPresent(v -> fact(a, text.get("facts.euContribution"), lang.money(v.getValue(), v.getKey()), lang.code()));
        return a;
    }

    private static void fact(ArrayNode into, String label, String value, String valueLang) {
        ObjectNode f = into.addObject();
        f.put("label", label);
        f.put("value", value);
        if (valueLang != null) f.put("lang", valueLang);
    }

    /** The EU contribution and its currency, when every funding line that states one states it in the same currency. */
    private static Optional<Map.Entry<String, BigDecimal>> euContribution(Record r) {
        Set<String> currencies = new HashSet<>();
        for (Node f : r.values(HIKB.funding))
            if (!r.literals(f, HIKB.euContribution).isEmpty())
                r.values(f, HIKB.currency).stream().filter(Node::isURI)
                        .forEach(c -> currencies.add(c.getURI().substring(c.getURI().lastIndexOf('/') + 1)));
        if (currencies.size() != 1) return Optional.empty();
        String currency = currencies.iterator().next();
        try {
            java.util.Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return sum(r, HIKB.euContribution, false).map(v -> Map.entry(currency, v));
    }

    private static ArrayNode strings(List<Node> literals) {
        ArrayNode a = RecordJson.JSON.arrayNode();
        literals.forEach(l -> a.add(l.getLiteralLexicalForm()));
        return a;
    }

    private static Optional<Node> first(Record r, Node p) {
        return r.values(p).stream().filter(Node::isLiteral).findFirst();
    }

    /** The total budget, when every funding line of the record states one in euros. */
    private static Optional<BigDecimal> budget(Record r) {
        return sum(r, HIKB.totalBudget, true);
    }

    /** The sum of an amount over the record's funding lines (in euros only, if asked), or empty. */
    private static Optional<BigDecimal> sum(Record r, Node amountProperty, boolean euroOnly) {
        BigDecimal total = null;
        for (Node f : r.values(HIKB.funding)) {
            boolean euro = r.values(f, HIKB.currency).stream().anyMatch(c -> c.isURI() && c.getURI().endsWith("/EUR"));
            for (Node amount : r.literals(f, amountProperty)) {
                if (euroOnly && !euro) return Optional.empty();
                try {
                    BigDecimal v = new BigDecimal(amount.getLiteralLexicalForm());
                    total = total == null ? v : total.add(v);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.ofNullable(total);
    }

    Lang lang() { return lang; }
}
