package org.w3id.hikb.api;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import org.w3id.hikb.http.Csv;
import org.w3id.hikb.http.Params;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.search.RecordSearcher;
import org.w3id.hikb.search.SearchRequest;
import org.w3id.hikb.search.SearchResult;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.recordjson.RecordJson;

/**
 * {@code GET /api/export?<the search's parameters>&format=csv|csv-excel|json}: every result of a search or a
 * browse, not a page of it, streamed as CSV (one row per record, UTF-8 with a header), as CSV for a
 * spreadsheet in an Italian, German or Swedish locale ({@code csv-excel}: cells separated by ';', a
 * byte-order mark so Excel reads UTF-8, budgets with a decimal comma), or as a JSON array of the same items
 * {@code /api/search} returns. No cap: whoever wants all the data gets it here, not by scraping.
 */
public record ExportApi(KnowledgeStore store, RecordSearcher searcher, SearchApi search) implements WebServer.Routes {
    static final List<String> COLUMNS = List.of("id", "type", "title", "title_language", "summary", "source_language", "programmes",
            "countries", "start", "end", "status", "total_budget", "currency", "facts");


    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/export", this::export);
    }

    private void export(Context ctx) {
        Set<String> known = new LinkedHashSet<>(SearchApi.PARAMS);
        known.add("format");
        Params.onlyKnown(ctx, known);
        String format = ctx.queryParam("format") == null ? "csv" : ctx.queryParam("format");
        if (!format.equals("csv") && !format.equals("csv-excel") && !format.equals("json"))
            throw new BadRequestResponse("Unknown format '" + Params.clip(format) + "': use csv, csv-excel or json.");
        SearchRequest request = search.request(ctx, false);
        List<SearchResult.Hit> hits = searcher.all(request);
        boolean csv = !format.equals("json");
        boolean excel = format.equals("csv-excel");
        char separator = excel ? ';' : ',';
        ctx.contentType(csv ? "text/csv; charset=utf-8" : "application/json");
        ctx.header("Content-Disposition", "attachment; filename=\"hikb-export." + (csv ? "csv" : "json") + "\"");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 1 << 16);
             JsonGenerator json = csv ? null : RecordJson.MAPPER.getFactory().createGenerator(out)) {
            store.read(dsg -> {
                ResultItems items = new ResultItems(dsg, request.lang());
                try {
                    if (excel) out.write('\uFEFF');
                    if (csv) out.write(String.join(String.valueOf(separator), COLUMNS) + "\r\n");
                    else json.writeStartArray();
                    for (SearchResult.Hit hit : hits) {
                        var item = items.item(hit);
                        if (item.isEmpty()) continue;
                        if (csv) out.write(row(item.get(), excel));
                        else json.writeTree(item.get());
                    }
                    if (!csv) json.writeEndArray();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (IOException | UncheckedIOException e) {
            // The client went away: nothing more to send.
        }
    }

    static String row(ObjectNode item, boolean excel) {
        List<String> cells = new ArrayList<>();
        cells.add(text(item.path("id")));
        cells.add(text(item.path("type")));
        cells.add(text(item.path("title")));
        cells.add(text(item.path("titleLanguage")));
        cells.add(text(item.path("summary")));
        cells.add(join(item.path("language"), null));
        cells.add(join(item.path("programmes"), "label"));
        cells.add(join(item.path("countries"), "code"));
        cells.add(text(item.path("startDate")));
        cells.add(text(item.path("endDate")));
        cells.add(text(item.path("status")));
        String budget = text(item.path("totalBudget"));
        cells.add(excel ? budget.replace('.', ',') : budget);
        cells.add(text(item.path("currency")));
        List<String> facts = new ArrayList<>();
        item.path("facts").forEach(f -> facts.add(f.path("label").asText() + ": " + f.path("value").asText()));
        cells.add(String.join(" · ", facts));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(excel ? ';' : ',');
            sb.append(Csv.cell(cells.get(i), excel ? ';' : ','));
        }
        return sb.append("\r\n").toString();
    }

    /** A cell's text: empty, never the word "null", for a value the record does not have. */
    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }

    private static String join(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return String.join("; ", out);
    }
}
